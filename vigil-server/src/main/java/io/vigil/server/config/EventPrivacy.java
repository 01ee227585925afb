package io.vigil.server.config;

import io.vigil.behaviour.IdentifierHasher;
import java.util.Set;

/**
 * Which event fields are replaced by keyed pseudonyms (HMAC-SHA256) before they are stored, so
 * the identities never reach the database, the API or the notifiers.
 *
 * @param hashedFields the fields to hash, e.g. user and ip; empty: none
 * @param hashKey the secret key (at least 16 characters; from {@code $VIGIL_HASH_KEY} in the
 *     configuration file's case); null when no field is hashed
 */
public record EventPrivacy(Set<String> hashedFields, String hashKey) {
  /** The variable the key is read from. */
  public static final String KEY_VARIABLE = "VIGIL_HASH_KEY";

  /** Nothing hashed. */
  public static final EventPrivacy NONE = new EventPrivacy(Set.of(), null);

  public EventPrivacy {
    hashedFields = Set.copyOf(hashedFields);
    if (!hashedFields.isEmpty() && hashKey == null) {
      throw new IllegalArgumentException("hashing event fields needs a key in $" + KEY_VARIABLE
          + " (at least 16 characters), so that pseudonyms cannot be reversed by guessing");
    }
    if (hashKey != null) {
      new IdentifierHasher(hashKey); // refuses a short key now rather than at the first event
    }
  }

  /** Names the fields but never shows the key. */
  @Override
  public String toString() {
    return "EventPrivacy[hashedFields=" + hashedFields + "]";
  }

  /** The hasher, or null when nothing is hashed. */
  public IdentifierHasher hasher() {
    return hashKey == null ? null : new IdentifierHasher(hashKey);
  }
}
