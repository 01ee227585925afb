package io.vigil.server.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which names browsers may reach Vigil by, and which other sites' pages may call it.
 *
 * @param names the host names (or addresses) Vigil answers to besides the loopback ones; a
 *     request whose {@code Host} names another is refused (DNS rebinding). Empty: any name
 *     when listening beyond loopback, loopback names only when on loopback.
 * @param corsOrigins origins ({@code https://grafana.example.com}) whose pages may call the
 *     API from a browser (CORS, with their own token); empty: none, CORS off
 */
public record BrowserAccess(List<String> names, List<String> corsOrigins) {
  /** No names beyond the defaults, CORS off. */
  public static final BrowserAccess DEFAULT = new BrowserAccess(List.of(), List.of());

  public BrowserAccess {
    names = names.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).toList();
    for (String n : names) {
      if (n.isEmpty() || n.contains("/") || n.contains(" ")) {
        throw new IllegalArgumentException("server.names: '" + n + "' is not a host name");
      }
    }
    corsOrigins = corsOrigins.stream().map(o -> o.strip().toLowerCase(Locale.ROOT)
        .replaceAll("/+$", "")).toList();
    for (String o : corsOrigins) {
      URI u;
      try {
        u = URI.create(o);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("server.corsOrigins: '" + o + "' is not an origin");
      }
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
          || u.getHost() == null || (u.getPath() != null && !u.getPath().isEmpty())) {
        throw new IllegalArgumentException("server.corsOrigins: '" + o + "' is not an origin"
            + " (scheme://host[:port], as https://grafana.example.com)");
      }
    }
  }
}
