package io.vigil.server.security;

import java.util.List;
import java.util.Optional;

/** API tokens as stored: a name, a role, and a salted hash of the secret. */
public interface TokenStore {

  /** One token's row; {@code revokedMs} is 0 while it is valid. */
  record StoredToken(long id, String name, String role, byte[] salt, byte[] hash,
      long createdMs, long revokedMs) {}

  /**
   * Stores a new token and returns its id.
   *
   * @throws IllegalArgumentException when a token of that name exists (revoked ones too)
   */
  long insertToken(String name, String role, byte[] salt, byte[] hash, long createdMs);

  /** Every token, by id. */
  List<StoredToken> tokens();

  /** The token with {@code id}, if any. */
  Optional<StoredToken> token(long id);

  /** Revokes the valid token named {@code name}; false when there is none. */
  boolean revokeToken(String name, long atMs);
}
