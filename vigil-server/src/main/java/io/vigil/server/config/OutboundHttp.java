package io.vigil.server.config;

import io.vigil.server.security.PemFiles;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How Vigil calls out to a notifier or a Prometheus it pulls from: which certificate
 * authorities it trusts there (all the JDK trusts, or only those of {@code caFile}, as
 * Prometheus' {@code ca_file}), the client certificate it shows when the far end asks for one
 * (mutual TLS), and the {@code Authorization} header it sends.
 *
 * <p>The header's value is a secret: {@link #toString()} hides it, and it is read from the
 * environment or a file named in the configuration rather than written there.
 *
 * @param caFile PEM certificate authorities to trust instead of the JDK's; null: the JDK's
 * @param certFile PEM client certificate for mutual TLS (with {@code keyFile}); null: none
 * @param keyFile its PEM private key
 * @param authorization the whole Authorization header value ("Bearer …", "Basic …"); null:
 *     none (user:password in the URL still gives basic authentication)
 */
public record OutboundHttp(Path caFile, Path certFile, Path keyFile, String authorization) {
  /** The JDK's trust, no client certificate, no header. */
  public static final OutboundHttp DEFAULT = new OutboundHttp(null, null, null, null);

  public OutboundHttp {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("tls: certFile and keyFile go together");
    }
  }

  /**
   * A client with these settings, 5 s to connect.
   *
   * @throws IllegalArgumentException naming the file when a certificate or key is unusable
   */
  public HttpClient client() {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (caFile != null || certFile != null) {
      b.sslContext(sslContext());
    }
    return b.build();
  }

  /** {@code request} with the Authorization header, when one is configured. */
  public HttpRequest.Builder authorize(HttpRequest.Builder request) {
    return authorization == null ? request : request.header("Authorization", authorization);
  }

  private SSLContext sslContext() {
    try {
      TrustManagerFactory trust = null;
      if (caFile != null) {
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(PemFiles.trustStore(caFile));
      }
      KeyManagerFactory keys = null;
      if (certFile != null) {
        KeyStore identity = PemFiles.identity(certFile, keyFile);
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, new char[0]);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(),
          trust == null ? null : trust.getTrustManagers(), null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("tls: cannot be used: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "OutboundHttp[caFile=" + caFile + ", certFile=" + certFile + ", keyFile=" + keyFile
        + ", authorization=" + (authorization == null ? "none" : "***") + "]";
  }
}
