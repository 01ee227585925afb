package io.vigil.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Certificates and keys in PEM files, as openssl, cert-manager and Let's Encrypt write them,
 * turned into what Java's TLS takes: a key store for a server, an {@link SSLContext} trusting
 * given authorities for a client.
 *
 * <p>Certificates are read by the JDK. Keys come in three PEM shapes (PKCS#8 {@code PRIVATE
 * KEY}, PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}) and the JDK reads only
 * the first; Bouncy Castle's {@link PEMParser} reads them all. Every problem names the file.
 */
public final class PemFiles {
  /** The password of the in-memory key stores: they never reach a disk. */
  static final char[] NO_PASSWORD = new char[0];

  private PemFiles() {}

  /**
   * A key store holding {@code key} with the certificate chain of {@code certificate} (the
   * server's first, then intermediates), under the alias "vigil".
   *
   * @throws IllegalArgumentException naming the file when one cannot be read, holds no
   *     certificate or key, holds an encrypted key, or the key is not the certificate's
   */
  public static KeyStore identity(Path certificate, Path key) {
    List<X509Certificate> chain = certificates(certificate);
    PrivateKey privateKey = privateKey(key);
    if (!matches(privateKey, chain.get(0))) {
      throw new IllegalArgumentException(key + ": this key is not the key of the certificate in "
          + certificate + " (" + chain.get(0).getSubjectX500Principal().getName() + ")");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("vigil", privateKey, NO_PASSWORD, chain.toArray(new Certificate[0]));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(certificate + ": cannot be used: " + e.getMessage(), e);
    }
  }

  /**
   * A TLS context whose clients trust the certificate authorities in {@code caFile} only (as
   * Prometheus' {@code ca_file} does), or the JDK's own when {@code caFile} is null.
   */
  public static SSLContext trusting(Path caFile) {
    try {
      if (caFile == null) {
        return SSLContext.getDefault();
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore(caFile));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(caFile + ": cannot be used: " + e.getMessage(), e);
    }
  }

  /**
   * A TLS failure in words: the JDK's message without the class names it embeds
   * ({@code sun.security...SunCertPathBuilderException: ...}).
   */
  public static String words(javax.net.ssl.SSLException e) {
    return String.valueOf(e.getMessage()).replaceAll("(?:[a-z]\\w*\\.)+\\w*Exception: ", "");
  }

  /** A key store holding every certificate of {@code caFile} as a trusted authority. */
  public static KeyStore trustStore(Path caFile) {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      int i = 0;
      for (X509Certificate c : certificates(caFile)) {
        trusted.setCertificateEntry("ca-" + i++, c);
      }
      return trusted;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(caFile + ": cannot be used: " + e.getMessage(), e);
    }
  }

  /** Every certificate in a PEM file, in order; at least one. */
  static List<X509Certificate> certificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> read =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      List<X509Certificate> certificates = read.stream()
          .map(X509Certificate.class::cast).toList();
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(file + ": holds no certificate (a PEM file with"
            + " -----BEGIN CERTIFICATE----- is expected)");
      }
      return certificates;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": cannot read: no such file", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    } catch (CertificateException e) {
      throw new IllegalArgumentException(file + ": not a PEM certificate: " + e.getMessage(), e);
    }
  }

  /** The private key of a PEM file, unencrypted, in any of the three usual shapes. */
  static PrivateKey privateKey(Path file) {
    Object read;
    try (Reader in = Files.newBufferedReader(file); PEMParser pem = new PEMParser(in)) {
      do {
        read = pem.readObject();
      } while (read != null && !(read instanceof PEMKeyPair || read instanceof PrivateKeyInfo
          || read instanceof PEMEncryptedKeyPair
          || read instanceof PKCS8EncryptedPrivateKeyInfo));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": cannot read: no such file", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read a PEM key: " + e.getMessage(), e);
    }
    if (read == null) {
      throw new IllegalArgumentException(file + ": holds no private key (-----BEGIN PRIVATE"
          + " KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY is expected)");
    }
    if (read instanceof PEMEncryptedKeyPair || read instanceof PKCS8EncryptedPrivateKeyInfo) {
      throw new IllegalArgumentException(file + ": the key is encrypted; give Vigil an"
          + " unencrypted copy readable by its user only (openssl pkey -in KEY -out PLAIN)");
    }
    try {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      return read instanceof PEMKeyPair pair ? converter.getPrivateKey(pair.getPrivateKeyInfo())
          : converter.getPrivateKey((PrivateKeyInfo) read);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not a usable key: " + e.getMessage(), e);
    }
  }

  /** Whether {@code key} signs what {@code certificate}'s public key verifies. */
  private static boolean matches(PrivateKey key, X509Certificate certificate) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> null;
    };
    if (algorithm == null) {
      return true; // an unusual key type: the TLS handshake is the judge
    }
    try {
      byte[] challenge = "vigil".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
