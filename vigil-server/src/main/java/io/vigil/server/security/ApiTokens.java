package io.vigil.server.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * API tokens: {@code vgl_<id>_<secret>}, the secret 32 random bytes, shown once when created
 * and kept only as a salted PBKDF2-HMAC-SHA256 hash (JDK's; 210,000 iterations, as OWASP
 * advises), so a copy of the database gives no token. A verified token is remembered (by its
 * SHA-256) for {@value #REMEMBER_MS} ms so that only the first request of a minute pays for
 * the slow hash; a revocation takes effect within that time.
 */
public final class ApiTokens {
  /** What a verified token is. */
  public record Token(long id, String name, Role role, long createdMs, long revokedMs) {
    public boolean revoked() {
      return revokedMs != 0;
    }
  }

  static final int ITERATIONS = 210_000;
  static final long REMEMBER_MS = 60_000;
  private static final String PREFIX = "vgl_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Remembered(Token token, long untilMs) {}

  private final TokenStore store;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();
  private volatile boolean anyValid;
  private volatile long anyUntilMs = Long.MIN_VALUE;

  public ApiTokens(TokenStore store, LongSupplier clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Creates a token and returns its text, which is not stored and cannot be shown again.
   *
   * @throws IllegalArgumentException when the name is taken or not a plain name
   */
  public String create(String name, Role role) {
    if (name == null || !name.matches("[A-Za-z0-9_.@-]{1,64}")) {
      throw new IllegalArgumentException("a token name is 1 to 64 letters, digits, '_', '.',"
          + " '@' or '-', was '" + name + "'");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    long id = store.insertToken(name, role.label(), salt, slowHash(secretText, salt),
        clock.getAsLong());
    anyUntilMs = Long.MIN_VALUE;
    return PREFIX + id + "_" + secretText;
  }

  /** Every token, revoked ones too, by id; no secrets. */
  public List<Token> list() {
    return store.tokens().stream().map(ApiTokens::token).toList();
  }

  /**
   * Whether any token that is not revoked exists: then every request needs one. Re-read
   * every {@value #REMEMBER_MS} ms, so a token made by {@code vigil token create} while the
   * service runs takes effect within a minute.
   */
  public boolean any() {
    long now = clock.getAsLong();
    if (now >= anyUntilMs) {
      anyValid = list().stream().anyMatch(t -> !t.revoked());
      anyUntilMs = now + REMEMBER_MS;
    }
    return anyValid;
  }

  /** Revokes the token named {@code name}; false when there is none not revoked. */
  public boolean revoke(String name) {
    boolean revoked = store.revokeToken(name, clock.getAsLong());
    remembered.clear();
    anyUntilMs = Long.MIN_VALUE;
    return revoked;
  }

  /** The token {@code text} is, if it is a valid one that is not revoked. */
  public Optional<Token> verify(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String key = sha256(text);
    long now = clock.getAsLong();
    Remembered r = remembered.get(key);
    if (r != null && r.untilMs() > now) {
      return Optional.of(r.token());
    }
    int sep = text.indexOf('_', PREFIX.length());
    if (sep < 0) {
      return Optional.empty();
    }
    long id;
    try {
      id = Long.parseLong(text.substring(PREFIX.length(), sep));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!text.substring(sep + 1).matches("[A-Za-z0-9_-]{43}")) {
      return Optional.empty(); // not a secret this service made: no slow hash for it
    }
    Optional<TokenStore.StoredToken> stored = store.token(id);
    if (stored.isEmpty() || stored.get().revokedMs() != 0 || !MessageDigest.isEqual(
        stored.get().hash(), slowHash(text.substring(sep + 1), stored.get().salt()))) {
      return Optional.empty();
    }
    Token token = token(stored.get());
    remembered.put(key, new Remembered(token, now + REMEMBER_MS));
    return Optional.of(token);
  }

  private static Token token(TokenStore.StoredToken t) {
    return new Token(t.id(), t.name(), Role.of(t.role()), t.createdMs(), t.revokedMs());
  }

  static byte[] slowHash(String secret, byte[] salt) {
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(
          new PBEKeySpec(secret.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
    }
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
