package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.TestCertificates.KeyFormat;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.config.ServerTls;
import io.vigil.server.security.PemFiles;
import io.vigil.server.security.TlsEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil serve --tls-cert --tls-key}: HTTPS with PEM files, through real handshakes. */
class TlsTest {
  @TempDir Path dir;

  private static HttpResponse<String> get(SSLContext trust, String url) throws Exception {
    HttpClient.Builder b = HttpClient.newBuilder();
    if (trust != null) {
      b.sslContext(trust);
    }
    return b.build().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesHttpsWithEachUsualKeyShape_onlyToClientsTrustingItsAuthority() throws Exception {
    TestCertificates certs = new TestCertificates("Vigil test CA");
    SSLContext trusting = PemFiles.trusting(certs.writeCa(dir.resolve("ca.crt")));
    Object[][] shapes = {{false, KeyFormat.TRADITIONAL}, {true, KeyFormat.TRADITIONAL},
        {false, KeyFormat.PKCS8}, {true, KeyFormat.PKCS8}};
    for (int i = 0; i < shapes.length; i++) {
      Path[] files = certs.writeServer(dir, "server" + i, (boolean) shapes[i][0],
          (KeyFormat) shapes[i][1]);
      String firstLine = Files.readAllLines(files[1]).get(0);
      try (VigilServer server = VigilServer.start(ServerConfig.defaults()
          .withAddress("127.0.0.1", 0).withDataDir(dir.resolve("data" + i))
          .withTls(new ServerTls(files[0], files[1])))) {
        String url = "https://127.0.0.1:" + server.port() + "/healthz";
        HttpResponse<String> ok = get(trusting, url);
        assertThat(ok.statusCode()).as(firstLine).isEqualTo(200);
        assertThat(ok.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        assertThat(localhost(ok)).isTrue();
        // A client that does not trust the authority stops at the handshake.
        assertThatThrownBy(() -> get(null, url)).isInstanceOf(SSLHandshakeException.class);
        // Nothing is served in clear on the port.
        assertThat(plainAnswer(server.port())).doesNotContain("\"ok\"");
      }
    }
  }

  private static boolean localhost(HttpResponse<?> r) throws Exception {
    X509Certificate c = (X509Certificate) r.sslSession().orElseThrow()
        .getPeerCertificates()[0];
    return c.getSubjectX500Principal().getName().contains("CN=localhost");
  }

  /** What a plain-HTTP request to the port gets: an error status, or the connection closed. */
  private static String plainAnswer(int port) {
    try {
      HttpResponse<String> r = get(null, "http://127.0.0.1:" + port + "/healthz");
      assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
      return r.body();
    } catch (IOException | InterruptedException e) {
      return "";
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aKeyThatIsNotTheCertificates_orAnEncryptedKey_stopsTheStartNamingTheFile()
      throws Exception {
    TestCertificates certs = new TestCertificates("Vigil test CA");
    Path[] a = certs.writeServer(dir, "a", false, KeyFormat.PKCS8);
    Path[] b = certs.writeServer(dir, "b", false, KeyFormat.PKCS8);
    ServerConfig wrong = ServerConfig.defaults().withAddress("127.0.0.1", 0)
        .withDataDir(dir.resolve("data")).withTls(new ServerTls(a[0], b[1]));
    assertThatThrownBy(() -> VigilServer.start(wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(b[1].toString())
        .hasMessageContaining("is not the key of the certificate");

    Path encrypted = dir.resolve("encrypted.key");
    Files.writeString(encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
        + "MIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQIAAAAAAAAAAACAggA\n"
        + "MAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAEqBBAAAAAAAAAAAAAAAAAAAAAABIIB\n"
        + "YAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n"
        + "-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThatThrownBy(() -> PemFiles.identity(a[0], encrypted))
        .hasMessageContaining(encrypted.toString());
    assertThatThrownBy(() -> PemFiles.identity(dir.resolve("missing.crt"), a[1]))
        .hasMessageContaining("missing.crt").hasMessageContaining("cannot read");
    assertThatThrownBy(() -> PemFiles.identity(a[1], a[1]))
        .hasMessageContaining(a[1].toString());
  }

  @Test
  void aRenewedCertificateIsServedWithoutRestart_aBrokenRenewalKeepsTheCurrentOne()
      throws Exception {
    TestCertificates certs = new TestCertificates("Vigil test CA");
    SSLContext trusting = PemFiles.trusting(certs.writeCa(dir.resolve("ca.crt")));
    Path[] files = certs.writeServer(dir, "server", true, KeyFormat.PKCS8);
    TlsEndpoint endpoint = new TlsEndpoint(files[0], files[1]);
    Server jetty = new Server();
    jetty.addConnector(endpoint.connector(jetty, new HttpConfiguration(), "127.0.0.1", 0));
    jetty.start();
    try {
      String url = "https://127.0.0.1:"
          + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/";
      var before = serial(get(trusting, url));

      Files.writeString(files[1], "half written");
      Files.setLastModifiedTime(files[1], FileTime.fromMillis(System.currentTimeMillis()
          + 5_000));
      endpoint.reloadIfChanged();
      assertThat(serial(get(trusting, url))).isEqualTo(before);

      Path[] renewed = certs.writeServer(dir, "renewed", true, KeyFormat.PKCS8);
      Files.move(renewed[0], files[0], java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.move(renewed[1], files[1], java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.setLastModifiedTime(files[1], FileTime.fromMillis(System.currentTimeMillis()
          + 10_000));
      endpoint.reloadIfChanged();
      assertThat(serial(get(trusting, url))).isNotEqualTo(before);
    } finally {
      jetty.stop();
    }
  }

  private static java.math.BigInteger serial(HttpResponse<?> r) throws Exception {
    return ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0])
        .getSerialNumber();
  }
}
