package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.config.BrowserAccess;
import io.vigil.server.config.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a web page in the operator's browser can no longer do to a Vigil on 127.0.0.1: change
 * anything with a form's or fetch's simple request, act under a foreign Origin, or read
 * through a rebound DNS name.
 */
class BrowserSafetyTest {
  @TempDir Path dir;

  private static int send(int port, String method, String path, String type, String origin,
      String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** A request with a Host header the JDK's client would not let us set. */
  private static String rawStatusLine(int port, String host) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(("GET /api/v1/series HTTP/1.1\r\nHost: " + host
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.US_ASCII)).readLine();
    }
  }

  @Test
  void crossSiteChanges_andReboundNames_areRefused_sameSiteUseWorks() throws Exception {
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir))) {
      int port = server.port();
      String silence = "{\"matchers\":{\"host\":\".*\"},\"duration\":\"1h\"}";
      // A form posts text/plain; fetch in no-cors mode may send no type at all.
      assertThat(send(port, "POST", "/api/v1/silences", "text/plain", null, silence))
          .isEqualTo(415);
      assertThat(send(port, "POST", "/api/v1/silences", null, null, silence)).isEqualTo(415);
      assertThat(send(port, "POST", "/api/v1/models/1/promote",
          "application/x-www-form-urlencoded", "http://evil.example", "")).isIn(403, 415);
      assertThat(send(port, "POST", "/api/v1/models/1/promote", null, null, ""))
          .isEqualTo(415);
      // JSON under a foreign Origin.
      assertThat(send(port, "POST", "/api/v1/silences", "application/json",
          "http://evil.example", silence)).isEqualTo(403);
      assertThat(send(port, "DELETE", "/api/v1/silences/1", null, "https://evil.example", ""))
          .isEqualTo(403);
      // A page whose name was rebound to 127.0.0.1 cannot read.
      assertThat(rawStatusLine(port, "evil.example:" + port)).contains(" 403 ");
      assertThat(rawStatusLine(port, "localhost:" + port)).contains(" 200 ");
      // The same site, and clients that are not browsers, carry on.
      assertThat(send(port, "POST", "/api/v1/silences", "application/json",
          "http://127.0.0.1:" + port, silence)).isEqualTo(201);
      assertThat(send(port, "POST", "/api/v1/points", "application/json; charset=utf-8", null,
          "[{\"series\":\"cpu\",\"timestamp\":1700000000000,\"value\":1}]")).isEqualTo(200);
    }
  }

  /** The status line and headers of a raw request with the given Host and extra headers. */
  private static String rawHead(int port, String method, String host, String... headers)
      throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      StringBuilder b = new StringBuilder(method + " /api/v1/series HTTP/1.1\r\nHost: " + host
          + "\r\nConnection: close\r\n");
      for (String h : headers) {
        b.append(h).append("\r\n");
      }
      OutputStream out = s.getOutputStream();
      out.write(b.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.US_ASCII));
      StringBuilder head = new StringBuilder();
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        head.append(line).append('\n');
      }
      return head.toString();
    }
  }

  @Test
  void configuredNamesAndCorsOrigins_areLetIn_othersStayOut() throws Exception {
    ServerConfig config = ServerConfig.defaults().withAddress("127.0.0.1", 0).withDataDir(dir)
        .withBrowserAccess(new BrowserAccess(java.util.List.of("vigil.example"),
            java.util.List.of("https://grafana.example")));
    try (VigilServer server = VigilServer.start(config)) {
      int port = server.port();
      assertThat(rawHead(port, "GET", "vigil.example:" + port)).startsWith("HTTP/1.1 200");
      assertThat(rawHead(port, "GET", "evil.example:" + port)).startsWith("HTTP/1.1 403");

      // Grafana's page may ask first, then call with its token; headers name it alone.
      String preflight = rawHead(port, "OPTIONS", "vigil.example",
          "Origin: https://grafana.example", "Access-Control-Request-Method: POST",
          "Access-Control-Request-Headers: authorization, content-type");
      assertThat(preflight).startsWith("HTTP/1.1 204").contains(
          "Access-Control-Allow-Origin: https://grafana.example",
          "Access-Control-Allow-Headers: Authorization, Content-Type");
      assertThat(rawHead(port, "GET", "vigil.example", "Origin: https://grafana.example"))
          .startsWith("HTTP/1.1 200")
          .contains("Access-Control-Allow-Origin: https://grafana.example");
      assertThat(send(port, "POST", "/api/v1/silences", "application/json",
          "https://grafana.example", "{\"matchers\":{\"host\":\"a\"},\"duration\":\"1h\"}"))
          .isEqualTo(201);

      String other = rawHead(port, "OPTIONS", "vigil.example", "Origin: https://evil.example",
          "Access-Control-Request-Method: POST");
      assertThat(other).doesNotContain("Access-Control-Allow");
      assertThat(rawHead(port, "GET", "vigil.example", "Origin: https://evil.example"))
          .doesNotContain("Access-Control-Allow");
      assertThat(send(port, "POST", "/api/v1/silences", "application/json",
          "https://evil.example", "{\"matchers\":{\"host\":\"a\"},\"duration\":\"1h\"}"))
          .isEqualTo(403);
    }
  }
}
