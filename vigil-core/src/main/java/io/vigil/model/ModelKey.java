package io.vigil.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that signs models, so a model changed after it was written (a threshold raised
 * until nothing alerts, a covariance swapped) is refused when loaded.
 *
 * <p>HMAC-SHA256 with 32 random bytes: the JDK's own primitive, and one key for the trainer and
 * the scorer, which for Vigil are the same program. A signature reads {@code
 * hmac-sha256:KEYID:MAC}, KEYID the first 8 bytes of the key's SHA-256 in hex, so a model
 * signed with another key is told apart from a changed one. The key file holds the key in
 * base64 on one line; it is created readable by its owner only.
 */
public final class ModelKey {
  private static final String SCHEME = "hmac-sha256";

  private final byte[] key;
  private final String id;
  private final Path source;

  private ModelKey(byte[] key, Path source) {
    if (key.length < 32) {
      throw new IllegalArgumentException(source + ": a model key needs at least 32 bytes, has "
          + key.length);
    }
    this.key = key.clone();
    this.source = source;
    try {
      this.id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** A key from its bytes (at least 32); {@code source} names it in messages. */
  public static ModelKey of(byte[] key, Path source) {
    return new ModelKey(key, source);
  }

  /**
   * The key in {@code file}.
   *
   * @throws IOException when it cannot be read, or {@link NoSuchFileException} when absent
   * @throws IllegalArgumentException when it is not a base64 key of 32 bytes or more
   */
  public static ModelKey read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    try {
      return new ModelKey(Base64.getDecoder().decode(text), file);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": not a model key (one line of base64): "
          + e.getMessage(), e);
    }
  }

  /** The key in {@code file}, made there (owner-only) with fresh random bytes if absent. */
  public static ModelKey readOrCreate(Path file) throws IOException {
    try {
      return read(file);
    } catch (NoSuchFileException e) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      byte[] line = (Base64.getEncoder().encodeToString(fresh) + "\n")
          .getBytes(StandardCharsets.US_ASCII);
      // Owner-only from its first byte, then moved into place whole: no reader ever sees it
      // half-written or readable by others.
      Path tmp;
      try {
        tmp = Files.createTempFile(dir, ".model-key", ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        tmp = Files.createTempFile(dir, ".model-key", ".tmp"); // Windows: the folder's ACL
      }
      try {
        Files.write(tmp, line);
        // A link fails if another process made the key first: then both use that one.
        Files.createLink(file, tmp);
      } catch (java.nio.file.FileAlreadyExistsException made) {
        // read below
      } finally {
        Files.deleteIfExists(tmp);
      }
      return read(file);
    }
  }

  /** The key's short public name: 16 hex digits of its hash. */
  public String id() {
    return id;
  }

  /** Where the key came from, for messages. */
  public Path source() {
    return source;
  }

  /** The signature of {@code content}. */
  public String sign(byte[] content) {
    return SCHEME + ":" + id + ":" + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(mac(content));
  }

  /**
   * Why {@code signature} does not sign {@code content} with this key, in words; null when it
   * does.
   */
  public String problem(byte[] content, String signature) {
    if (signature == null) {
      return "it is not signed";
    }
    String[] parts = signature.split(":", 3);
    if (parts.length != 3 || !parts[0].equals(SCHEME)) {
      return "its signature is not an " + SCHEME + " signature";
    }
    if (!parts[1].equals(id)) {
      return "it was signed with another key (" + parts[1] + "; this one, " + source + ", is "
          + id + ")";
    }
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      return "its signature is garbled";
    }
    return MessageDigest.isEqual(given, mac(content)) ? null
        : "its content does not match its signature: it was changed after it was signed";
  }

  private byte[] mac(byte[] content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "ModelKey[" + id + " from " + source + "]";
  }
}
