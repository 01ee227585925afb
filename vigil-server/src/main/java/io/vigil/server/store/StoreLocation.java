package io.vigil.server.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the service keeps its data: the embedded file in the data directory (the default),
 * or a PostgreSQL database named by URL, {@code postgresql://user:password@host:port/db}
 * (libpq's form, as {@code psql} takes it) or {@code jdbc:postgresql://host:port/db}, with
 * the password in the URL or given apart (a configuration secret). {@link #toString} never
 * shows the password.
 */
public record StoreLocation(Kind kind, String jdbcUrl, String user, String password) {
  /** The database behind a location. */
  public enum Kind { SQLITE, POSTGRESQL }

  /** The embedded store in the data directory. */
  public static final StoreLocation EMBEDDED = new StoreLocation(Kind.SQLITE, null, null, null);

  /**
   * Reads a {@code --store} value: {@code sqlite} (the embedded default) or a PostgreSQL URL.
   * {@code password}, when not null, is used where the URL has none.
   *
   * @throws IllegalArgumentException naming what is wrong with the URL (never its password)
   */
  public static StoreLocation parse(String url, String password) {
    String s = url.strip();
    if (s.equalsIgnoreCase("sqlite") || s.isEmpty()) {
      return EMBEDDED;
    }
    String rest;
    if (s.startsWith("jdbc:postgresql://")) {
      rest = s.substring("jdbc:postgresql://".length());
    } else if (s.startsWith("postgresql://") || s.startsWith("postgres://")) {
      rest = s.substring(s.indexOf("://") + 3);
    } else {
      throw new IllegalArgumentException("the store must be 'sqlite' or a PostgreSQL URL"
          + " (postgresql://user@host:5432/database), not '" + redacted(s) + "'");
    }
    URI uri;
    try {
      uri = new URI("postgresql://" + rest);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the store URL '" + redacted(s) + "' is not a URL: "
          + e.getReason());
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new IllegalArgumentException("the store URL '" + redacted(s) + "' needs a host"
          + " and a database: postgresql://user@host:5432/database");
    }
    String user = null;
    String pass = password;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      if (parts.length == 2) {
        pass = decode(parts[1]);
      }
    }
    String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":"
        + uri.getPort() : "") + uri.getRawPath() + (uri.getRawQuery() == null ? ""
        : "?" + uri.getRawQuery());
    return new StoreLocation(Kind.POSTGRESQL, jdbc, user, pass);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The URL with any password replaced by stars, for messages. */
  private static String redacted(String url) {
    return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@");
  }

  /** Whether this is the embedded store. */
  public boolean embedded() {
    return kind == Kind.SQLITE;
  }

  @Override
  public String toString() {
    return embedded() ? "sqlite" : jdbcUrl + (user == null ? "" : " as " + user);
  }
}
