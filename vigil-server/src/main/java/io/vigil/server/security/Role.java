package io.vigil.server.security;

import java.util.Locale;

/** What a token may do; each role may do what the ones before it may. */
public enum Role {
  /** Read everything but the audit log and the tokens. */
  VIEWER,
  /** Also send points and events. */
  WRITER,
  /** Also handle alerts: silences and feedback. */
  OPERATOR,
  /** Also models (train, promote, roll back, retune) and tokens. */
  ADMIN;

  /** Whether a token of this role may do what {@code needed} may. */
  public boolean covers(Role needed) {
    return ordinal() >= needed.ordinal();
  }

  /** The role named {@code name} (any case). */
  public static Role of(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("no role '" + name + "': viewer, writer, operator or"
          + " admin");
    }
  }

  /** The role's name as written in the API and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
