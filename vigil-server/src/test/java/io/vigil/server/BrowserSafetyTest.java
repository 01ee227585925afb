package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

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
}
