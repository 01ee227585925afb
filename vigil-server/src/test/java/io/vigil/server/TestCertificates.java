package io.vigil.server;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test, and server certificates it signs for 127.0.0.1
 * and localhost, written as PEM files the way openssl writes them.
 */
public final class TestCertificates {
  /** How a key file is written. */
  public enum KeyFormat { PKCS8, TRADITIONAL }

  private final KeyPair caKeys;
  private final X509Certificate ca;
  private long serial = 1;

  public TestCertificates(String name) throws GeneralSecurityException, IOException {
    caKeys = rsa();
    ca = sign(new X500Name("CN=" + name), caKeys, true);
  }

  /** The authority's certificate, written to {@code file}. */
  public Path writeCa(Path file) throws IOException {
    pem(file, ca);
    return file;
  }

  /**
   * A server certificate for 127.0.0.1 and localhost in {@code dir}/{@code name}.crt and its
   * key (RSA, or EC when {@code ec}) in {@code name}.key.
   */
  public Path[] writeServer(Path dir, String name, boolean ec, KeyFormat format)
      throws GeneralSecurityException, IOException {
    KeyPair keys = ec ? ecKeys() : rsa();
    X509Certificate cert = sign(new X500Name("CN=localhost"), keys, false);
    Path crt = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    pem(crt, cert);
    try (Writer w = Files.newBufferedWriter(key); JcaPEMWriter pem = new JcaPEMWriter(w)) {
      if (format == KeyFormat.PKCS8) {
        pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
      } else if (ec) {
        pem.writeObject(sec1(keys));
      } else {
        pem.writeObject(keys); // RSA PRIVATE KEY (PKCS#1)
      }
    }
    return new Path[] {crt, key};
  }

  /** A server-side TLS context presenting the certificate and key of {@code files}. */
  public static javax.net.ssl.SSLContext serverContext(Path[] files)
      throws GeneralSecurityException {
    var keys = javax.net.ssl.KeyManagerFactory.getInstance(
        javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    keys.init(io.vigil.server.security.PemFiles.identity(files[0], files[1]), new char[0]);
    var context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private X509Certificate sign(X500Name subject, KeyPair keys, boolean authority)
      throws GeneralSecurityException, IOException {
    Instant now = Instant.now();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
        authority ? subject : new X500Name(ca.getSubjectX500Principal().getName()),
        BigInteger.valueOf(serial++), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
    if (!authority) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
          new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.dNSName, "localhost")}));
    }
    try {
      var signer = new JcaContentSignerBuilder("SHA256withRSA")
          .build(authority ? keys.getPrivate() : caKeys.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /**
   * An EC PRIVATE KEY as openssl writes it: the curve named inside (the JDK's encoding keeps
   * it in the PKCS#8 wrapper only).
   */
  private static org.bouncycastle.util.io.pem.PemObject sec1(KeyPair keys) throws IOException {
    var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(
        keys.getPrivate().getEncoded());
    var inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
    var pub = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
        keys.getPublic().getEncoded());
    var full = new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(),
        pub.getPublicKeyData(), info.getPrivateKeyAlgorithm().getParameters());
    return new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", full.getEncoded());
  }

  private static void pem(Path file, Object o) throws IOException {
    try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(o);
    }
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }
}
