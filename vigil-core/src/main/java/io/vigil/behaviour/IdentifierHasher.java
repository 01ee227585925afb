package io.vigil.behaviour;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces identifiers (user names, IP addresses) by a keyed hash before anything is kept, so
 * behaviour is analysed and reported without the identities: HMAC-SHA256 under the user's
 * key, the first 16 hex digits. A plain hash would not do: user names and IPv4 addresses are
 * few enough to hash them all and look the results up. The same key gives the same pseudonym
 * across runs, so findings can be followed over time by whoever holds the key.
 */
public final class IdentifierHasher {
  private static final String ALGORITHM = "HmacSHA256";
  private final Mac mac;

  /** @param key the secret; at least 16 characters */
  public IdentifierHasher(String key) {
    if (key == null || key.length() < 16) {
      throw new IllegalArgumentException("the hashing key must be at least 16 characters");
    }
    try {
      mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  /** The pseudonym of {@code identifier}: {@code h:} and 16 hex digits. */
  public synchronized String hash(String identifier) {
    byte[] digest = mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8));
    return "h:" + HexFormat.of().formatHex(digest, 0, 8);
  }
}
