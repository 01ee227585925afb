package io.vigil.server.store.sql;

import io.vigil.server.security.TokenStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** API tokens in the same SQLite file as the points, under the same lock. */
final class SqlTokenStore implements TokenStore {
  private static final String COLUMNS = "id, name, role, salt, hash, created_ms, revoked_ms";

  private final SqlStore base;

  SqlTokenStore(SqlStore base) {
    this.base = base;
  }

  @Override
  public long insertToken(String name, String role, byte[] salt, byte[] hash, long createdMs) {
    return base.inTransaction("store token " + name, c -> {
      try (PreparedStatement taken = c.prepareStatement(
          "SELECT 1 FROM api_tokens WHERE name = ?")) {
        taken.setString(1, name);
        try (ResultSet r = taken.executeQuery()) {
          if (r.next()) {
            throw new IllegalArgumentException("a token named '" + name + "' exists"
                + " (revoked tokens keep their names)");
          }
        }
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO api_tokens (name, role,"
          + " salt, hash, created_ms) VALUES (?, ?, ?, ?, ?)",
          java.sql.Statement.RETURN_GENERATED_KEYS)) {
        p.setString(1, name);
        p.setString(2, role);
        p.setBytes(3, salt);
        p.setBytes(4, hash);
        p.setLong(5, createdMs);
        p.executeUpdate();
        try (ResultSet keys = p.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      }
    });
  }

  @Override
  public List<StoredToken> tokens() {
    return base.reading("read tokens", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
          + " FROM api_tokens ORDER BY id"); ResultSet r = p.executeQuery()) {
        List<StoredToken> out = new ArrayList<>();
        while (r.next()) {
          out.add(of(r));
        }
        return out;
      }
    });
  }

  @Override
  public Optional<StoredToken> token(long id) {
    return base.reading("read tokens", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
          + " FROM api_tokens WHERE id = ?")) {
        p.setLong(1, id);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? Optional.of(of(r)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean revokeToken(String name, long atMs) {
    return base.inTransaction("revoke token " + name, c -> {
      try (PreparedStatement p = c.prepareStatement("UPDATE api_tokens SET"
          + " revoked_ms = ? WHERE name = ? AND revoked_ms IS NULL")) {
        p.setLong(1, atMs);
        p.setString(2, name);
        return p.executeUpdate() > 0;
      }
    });
  }

  private static StoredToken of(ResultSet r) throws SQLException {
    return new StoredToken(r.getLong(1), r.getString(2), r.getString(3), r.getBytes(4),
        r.getBytes(5), r.getLong(6), r.getLong(7));
  }
}
