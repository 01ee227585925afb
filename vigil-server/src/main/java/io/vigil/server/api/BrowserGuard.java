package io.vigil.server.api;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps web pages the operator visits from using Vigil through the operator's browser.
 *
 * <ul>
 *   <li>A page cannot send a cross-site request that changes something: a POST must carry one
 *       of the API's content types (JSON, JSON lines, CSV, Prometheus' protobuf), which a
 *       browser sends cross-site only after a CORS preflight that Vigil never answers; a form's
 *       {@code text/plain}, {@code application/x-www-form-urlencoded} or
 *       {@code multipart/form-data}, or no type at all, is refused with 415, even with an
 *       empty body. Other changing methods (PUT, DELETE) always need a preflight.
 *   <li>A request that changes something and names an {@code Origin} other than the server
 *       itself is refused with 403.
 *   <li>DNS rebinding: a request whose {@code Host} is neither a loopback name ({@code
 *       127.0.0.1}, {@code localhost}, {@code ::1}) nor one of {@code server.names} is refused
 *       with 403, so a page whose own name has been pointed at Vigil cannot read either. With
 *       no names configured, this holds while Vigil listens on loopback only.
 * </ul>
 *
 * <p>CORS is off unless {@code server.corsOrigins} names sites: their pages may call the API
 * (preflights answered, {@code Access-Control-Allow-Origin} on their responses, the
 * {@code Authorization} header allowed, so they still need a token); no other origin gets an
 * {@code Access-Control-Allow-*} header.
 */
final class BrowserGuard {
  /** The content types a changing request may carry (their media type, lower case). */
  static final Set<String> BODY_TYPES = Set.of("application/json", "application/x-ndjson",
      "application/jsonl", "text/csv", "application/x-protobuf");
  private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "::1",
      "[::1]");
  private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final boolean checkHost;
  private final Set<String> names;
  private final Set<String> corsOrigins;

  /**
   * @param bindHost the address Vigil listens on
   * @param access the names it answers to and the origins allowed to call it
   */
  BrowserGuard(String bindHost, io.vigil.server.config.BrowserAccess access) {
    this.names = Set.copyOf(access.names());
    this.corsOrigins = Set.copyOf(access.corsOrigins());
    this.checkHost = isLoopback(bindHost) || !names.isEmpty();
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return LOOPBACK_NAMES.contains(h) || h.startsWith("127.");
  }

  /** Refuses the request (an {@link ApiException}) when it breaks one of the rules above. */
  void check(Context ctx) {
    String host = ctx.header("Host");
    if (checkHost) {
      String name = host == null ? "" : hostName(host);
      if (!isLoopback(name) && !names.contains(name)) {
        throw new ApiException(403, "Host '" + (host == null ? "" : host) + "' is not a name"
            + " of this Vigil; use " + (names.isEmpty() ? "127.0.0.1 or localhost"
            : "one of " + String.join(", ", new java.util.TreeSet<>(names))
            + ", or 127.0.0.1") + " (server.names lists the names it answers to)");
      }
    }
    String origin = ctx.header("Origin");
    boolean allowed = origin != null && corsOrigins.contains(origin.strip()
        .toLowerCase(Locale.ROOT));
    if (allowed) {
      ctx.header("Access-Control-Allow-Origin", origin.strip());
      ctx.header("Vary", "Origin");
      if (ctx.method().name().equals("OPTIONS")
          && ctx.header("Access-Control-Request-Method") != null) {
        ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
        ctx.skipRemainingHandlers();
        return;
      }
    }
    String method = ctx.method().name();
    if (!CHANGING.contains(method)) {
      return;
    }
    if (origin != null && !allowed && !sameOrigin(origin, host)) {
      throw new ApiException(403, "a cross-site request is refused: Origin " + origin
          + " is not this server (" + host + ")");
    }
    if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
      String type = ctx.contentType() == null ? "" : ctx.contentType();
      String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (!BODY_TYPES.contains(media)) {
        throw new ApiException(415, "a request that changes something needs Content-Type"
            + " application/json (or, where the route takes them, application/x-ndjson,"
            + " text/csv or application/x-protobuf), was '" + type + "'");
      }
    }
  }

  /** The name part of a Host header value: {@code a.example:8080} → {@code a.example}. */
  static String hostName(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  private static boolean sameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    try {
      URI u = URI.create(origin.strip());
      String authority = u.getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host.strip());
    } catch (IllegalArgumentException e) {
      return false; // "null" and other opaque origins
    }
  }
}
