package io.vigil.server.store.sql;

import io.vigil.server.security.AuditStore;
import io.vigil.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The audit log in the same SQLite file as the points, under the same lock. */
final class SqlAuditStore implements AuditStore {
  private static final String COLUMNS =
      "id, at_ms, who, role, method, target, remote, status, prev_hash, hash";

  private final SqlStore base;

  SqlAuditStore(SqlStore base) {
    this.base = base;
  }

  @Override
  public void append(long atMs, String who, String role, String method, String target,
      String remote, int status) {
    base.inTransaction("append to the audit log", c -> {
      long id = 1;
      String prev = GENESIS;
      try (PreparedStatement p = c.prepareStatement(
          "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
          ResultSet r = p.executeQuery()) {
        if (r.next()) {
          id = r.getLong(1) + 1;
          prev = r.getString(2);
        }
      }
      AuditEntry e = new AuditEntry(id, atMs, who, role, method, target, remote, status,
          prev, "");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO audit_log (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        p.setLong(1, id);
        p.setLong(2, atMs);
        p.setString(3, who);
        p.setString(4, role);
        p.setString(5, method);
        p.setString(6, target);
        p.setString(7, remote);
        p.setInt(8, status);
        p.setString(9, prev);
        p.setString(10, e.expectedHash());
        p.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<AuditEntry> latest(int limit) {
    List<AuditEntry> out = query("SELECT " + COLUMNS + " FROM audit_log ORDER BY id DESC"
        + " LIMIT " + Math.max(0, limit));
    Collections.reverse(out);
    return out;
  }

  @Override
  public List<AuditEntry> all() {
    return query("SELECT " + COLUMNS + " FROM audit_log ORDER BY id");
  }

  private List<AuditEntry> query(String sql) {
    return base.reading("read the audit log", c -> {
      try (PreparedStatement p = c.prepareStatement(sql);
          ResultSet r = p.executeQuery()) {
        List<AuditEntry> out = new ArrayList<>();
        while (r.next()) {
          out.add(new AuditEntry(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
              r.getString(5), r.getString(6), r.getString(7), r.getInt(8), r.getString(9),
              r.getString(10)));
        }
        return out;
      }
    });
  }
}
