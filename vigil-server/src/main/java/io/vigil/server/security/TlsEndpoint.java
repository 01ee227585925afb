package io.vigil.server.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS side of {@code vigil serve}: a Jetty connector serving the PEM certificate and key
 * it was given, TLS 1.2 and 1.3 only, and reloading them when either file changes (a renewed
 * certificate from cert-manager or certbot is served without a restart; a renewal that
 * cannot be read is logged and the current one kept).
 */
public final class TlsEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(TlsEndpoint.class);

  private final Path certificate;
  private final Path key;
  private final SslContextFactory.Server factory = new SslContextFactory.Server();
  private List<FileTime> loaded;

  /**
   * Reads both files now, so a wrong path or a key that is not the certificate's stops the
   * start with the file named.
   */
  public TlsEndpoint(Path certificate, Path key) {
    this.certificate = certificate;
    this.key = key;
    this.loaded = stamps();
    factory.setKeyStore(PemFiles.identity(certificate, key));
    factory.setKeyStorePassword("");
    factory.setCertAlias("vigil");
    factory.setIncludeProtocols("TLSv1.3", "TLSv1.2");
  }

  /** The connector to listen with on {@code host}:{@code port}. */
  public Connector connector(Server server, HttpConfiguration plain, String host, int port) {
    HttpConfiguration https = new HttpConfiguration(plain);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // Clients check that the certificate names the host; the server need not refuse a client
    // that reached it by address (curl https://127.0.0.1 --cacert ...) on top of that.
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    ServerConnector connector = new ServerConnector(server,
        new SslConnectionFactory(factory, "http/1.1"), new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  /** Loads the files again if either changed since the last load. */
  public void reloadIfChanged() {
    List<FileTime> now = stamps();
    if (now.equals(loaded)) {
      return;
    }
    try {
      KeyStore renewed = PemFiles.identity(certificate, key);
      factory.reload(f -> f.setKeyStore(renewed));
      loaded = now;
      LOG.info("TLS certificate {} reloaded", certificate);
    } catch (Exception e) {
      // Half-written during a renewal, or wrong: keep serving the current one, try again.
      LOG.warn("TLS certificate {} changed but cannot be used yet: {}", certificate,
          e.getMessage());
    }
  }

  private List<FileTime> stamps() {
    try {
      return List.of(Files.getLastModifiedTime(certificate), Files.getLastModifiedTime(key));
    } catch (IOException e) {
      return List.of();
    }
  }
}
