package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vigil.server.TestCertificates.KeyFormat;
import io.vigil.server.config.ConfigFile;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.config.VigilConfig;
import io.vigil.server.engine.IncomingPoint;
import io.vigil.server.pull.PromQlPuller;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifiers and pulls over HTTPS to a private certificate authority, with credentials read
 * from a file: delivered where the authority is trusted, refused at the handshake where it is
 * not, and the secret in no answer.
 */
class OutboundTlsTest {
  private static final long START = 1_700_000_000_000L;
  @TempDir Path dir;

  @Test
  void aWebhookBehindAPrivateAuthority_getsTheAlertWithItsToken_onlyWhereTheCaIsGiven()
      throws Exception {
    TestCertificates certs = new TestCertificates("Private CA");
    Path ca = certs.writeCa(dir.resolve("ca.crt"));
    Path[] serverFiles = certs.writeServer(dir, "hooks", false, KeyFormat.PKCS8);
    Path token = dir.resolve("hook-token");
    Files.writeString(token, "s3cret-hook-token\n");
    try (WebhookReceiver hook = new WebhookReceiver(0,
        TestCertificates.serverContext(serverFiles))) {
      Path yaml = dir.resolve("vigil.yaml");
      Files.writeString(yaml, """
          server: {host: 127.0.0.1, port: 0, dataDir: %s}
          alerts: [{name: any, match: {series: ".*"}}]
          notifiers:
            - webhook: "%s"
              maxAttempts: 1
              bearerToken: {file: "%s"}
              tls: {caFile: "%s"}
            - webhook: "%s"
              maxAttempts: 1
            - webhook: "http://vigil:pa55word@127.0.0.1:%d/hook?key=k3y"
              maxAttempts: 1
          """.formatted(dir.resolve("data"), hook.url("/trusted"), token, ca,
          hook.url("/untrusted"), closedPort()));
      VigilConfig config = ConfigFile.load(yaml, ServerConfig.defaults());
      assertThat(config.toString()).doesNotContain("s3cret");
      var logged =
          new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
      var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
          org.slf4j.Logger.ROOT_LOGGER_NAME);
      var level = root.getLevel();
      root.setLevel(ch.qos.logback.classic.Level.INFO);
      logged.start();
      root.addAppender(logged);
      try (VigilServer server = VigilServer.start(config)) {
        HttpClientSupport http = new HttpClientSupport(server.port());
        Random random = new Random(3);
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i <= 2000; i++) {
          double v = i == 2000 ? 500 : 10 + random.nextGaussian();
          b.append(i == 0 ? "" : ",").append("{\"series\":\"api_errors\",\"timestamp\":")
              .append(START + i * 60_000L).append(",\"value\":").append(v).append('}');
        }
        assertThat(http.post("/api/v1/points", b.append(']').toString()).status())
            .isEqualTo(200);
        assertThat(hook.await("api_errors", 10_000)).isNotNull();
        assertThat(hook.paths()).containsOnly("/trusted");
        assertThat(hook.authorizations()).containsOnly("Bearer s3cret-hook-token");

        JsonNode alerts = http.get("/api/v1/alerts").json().get("alerts");
        long id = alerts.get(0).get("id").asLong();
        JsonNode deliveries = null;
        for (int i = 0; i < 100; i++) {
          deliveries = http.get("/api/v1/alerts/" + id).json().get("deliveries");
          if (deliveries.size() >= 3) {
            break;
          }
          Thread.sleep(100);
        }
        String answer = deliveries.toString();
        assertThat(answer).doesNotContain("s3cret");
        List<String> outcomes = new ArrayList<>();
        deliveries.forEach(d -> outcomes.add(d.get("notifier").asText() + " "
            + d.get("outcome").asText() + " " + d.get("error").asText()));
        assertThat(outcomes).anyMatch(o -> o.contains("/trusted delivered"));
        assertThat(outcomes).anyMatch(o -> o.contains("/untrusted gave_up")
            && o.contains("TLS handshake failed: PKIX path building failed: unable to find valid"
            + " certification path"));
        assertThat(outcomes).anyMatch(o -> o.matches("http://\\*\\*\\*@127\\.0\\.0\\.1:\\d+/hook\\?\\*\\*\\* gave_up could not"
            + " connect"));
        assertThat(answer).doesNotContain("pa55word", "k3y");
      } finally {
        root.detachAppender(logged);
        root.setLevel(level);
      }
      List<String> lines = logged.list.stream().map(e -> e.getFormattedMessage()
          + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList();
      assertThat(lines).anyMatch(l -> l.contains("gave up telling http://***@127.0.0.1:"));
      assertThat(String.join("\n", lines)).doesNotContain("s3cret", "pa55word", "k3y");
    }
  }

  /** A port nothing listens on. */
  private static int closedPort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void aPullFromPrometheusBehindTls_sendsBasicAuth_fromTheEnvironment() throws Exception {
    TestCertificates certs = new TestCertificates("Private CA");
    Path ca = certs.writeCa(dir.resolve("ca.crt"));
    Path[] serverFiles = certs.writeServer(dir, "prom", true, KeyFormat.TRADITIONAL);
    HttpsServer prometheus = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    prometheus.setHttpsConfigurator(new HttpsConfigurator(
        TestCertificates.serverContext(serverFiles)));
    List<String> auth = new CopyOnWriteArrayList<>();
    prometheus.createContext("/api/v1/query_range", ex -> {
      auth.add(ex.getRequestHeaders().getFirst("Authorization"));
      byte[] body = """
          {"status":"success","data":{"resultType":"matrix","result":[
            {"metric":{"__name__":"up","job":"api"},"values":[[1700000000,"1"]]}]}}
          """.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    prometheus.start();
    try {
      String url = "https://127.0.0.1:" + prometheus.getAddress().getPort();
      String path = System.getenv("PATH"); // set everywhere: stands in for a secret variable
      Path yaml = dir.resolve("pull.yaml");
      Files.writeString(yaml, """
          pull:
            - prometheus: "%s"
              query: up
              basicAuth: {username: vigil, password: {env: PATH}}
              tls: {caFile: "%s"}
          """.formatted(url, ca));
      VigilConfig config = ConfigFile.load(yaml, ServerConfig.defaults());
      List<IncomingPoint> got = new ArrayList<>();
      new PromQlPuller(config.pulls().get(0), got::addAll, () -> 1_700_000_060_000L)
          .pullOnce();
      assertThat(got).hasSize(1);
      assertThat(auth).containsExactly("Basic " + java.util.Base64.getEncoder()
          .encodeToString(("vigil:" + path).getBytes(StandardCharsets.UTF_8)));

      // Without the authority the handshake fails: nothing is pulled from an impostor.
      Files.writeString(yaml, "pull: [{prometheus: \"" + url + "\", query: up}]\n");
      VigilConfig plain = ConfigFile.load(yaml, ServerConfig.defaults());
      assertThatThrownBy(() -> new PromQlPuller(plain.pulls().get(0), got::addAll,
          () -> 1_700_000_060_000L).pullOnce())
          .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    } finally {
      prometheus.stop(0);
    }
  }

  @Test
  void badSecretsAndTlsFiles_areNamedByTheirPlace_neverShown() throws Exception {
    Path yaml = dir.resolve("bad.yaml");
    Files.writeString(yaml, """
        notifiers:
          - webhook: "https://127.0.0.1:9/x"
            bearerToken: {env: VIGIL_TEST_SURELY_UNSET_VARIABLE}
          - webhook: "https://127.0.0.1:9/y"
            tls: {caFile: "%s"}
          - webhook: "https://127.0.0.1:9/z"
            bearerToken: {vault: x}
        """.formatted(dir.resolve("missing-ca.crt")));
    assertThatThrownBy(() -> ConfigFile.load(yaml, ServerConfig.defaults()))
        .hasMessageContaining("notifiers[0]: bearerToken: the environment variable"
            + " VIGIL_TEST_SURELY_UNSET_VARIABLE is not set")
        .hasMessageContaining("notifiers[1]: tls: ")
        .hasMessageContaining("missing-ca.crt: cannot read")
        .hasMessageContaining("notifiers[2]: bearerToken: give {env: VARIABLE} or"
            + " {file: PATH}");
  }
}
