package io.vigil.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The PEM files {@code vigil serve} answers HTTPS with: the certificate chain (its own
 * certificate first, then intermediates) and its private key (PKCS#8, PKCS#1 or SEC1,
 * unencrypted). Both are read again when either file changes, so a renewed certificate is
 * served without a restart.
 */
public record ServerTls(Path certificate, Path key) {
  public ServerTls {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(key, "key");
  }
}
