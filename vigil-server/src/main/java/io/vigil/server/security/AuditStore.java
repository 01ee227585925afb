package io.vigil.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/** The audit log: append-only rows chained by hashes. */
public interface AuditStore {

  /** One audited request; {@code hash} covers every field and the previous row's hash. */
  record AuditEntry(long id, long atMs, String who, String role, String method, String target,
      String remote, int status, String prevHash, String hash) {

    /** The hash this row must have, given its fields and {@code prevHash}. */
    public String expectedHash() {
      String text = String.join("\n", Long.toString(id), Long.toString(atMs), who, role,
          method, target, remote, Integer.toString(status), prevHash);
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(text.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The hash before the first row. */
  String GENESIS = "0".repeat(64);

  /** Appends a row (its id and hashes are the store's). */
  void append(long atMs, String who, String role, String method, String target, String remote,
      int status);

  /** The newest rows, oldest first, at most {@code limit}. */
  List<AuditEntry> latest(int limit);

  /** Every row, oldest first (for verification). */
  List<AuditEntry> all();

  /**
   * The id of the first row whose hash or link does not hold (an edit, a deletion, an
   * insertion), or empty when the chain is whole.
   */
  static OptionalLong firstBroken(List<AuditEntry> rows) {
    String prev = GENESIS;
    long expectedId = rows.isEmpty() ? 0 : rows.get(0).id();
    for (AuditEntry e : rows) {
      if (!e.prevHash().equals(prev) || !e.hash().equals(e.expectedHash())
          || e.id() != expectedId) {
        return OptionalLong.of(e.id());
      }
      prev = e.hash();
      expectedId++;
    }
    return OptionalLong.empty();
  }
}
