package io.vigil.server.api;

import io.javalin.http.Context;
import io.vigil.server.security.ApiTokens;
import io.vigil.server.security.Role;
import io.vigil.server.security.RouteRoles;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Once any API token exists, every request but the health checks needs one whose role covers
 * its route ({@link RouteRoles}): {@code Authorization: Bearer <token>}, or basic
 * authentication with the token as the password (Prometheus' {@code basic_auth}). A missing or
 * invalid token gets 401, a token whose role falls short 403 naming the role needed. The
 * verified token is left on the request ({@link #TOKEN}) for those that record who acted.
 */
final class AccessGuard {
  /** The request attribute holding the verified {@link ApiTokens.Token}. */
  static final String TOKEN = "vigil.token";

  private final ApiTokens tokens;
  private final io.vigil.server.security.FailedLogins failures;

  AccessGuard(ApiTokens tokens, io.vigil.server.security.FailedLogins failures) {
    this.tokens = tokens;
    this.failures = failures;
  }

  void check(Context ctx) {
    if (!tokens.any()) {
      return; // no tokens: open, as on a fresh 127.0.0.1 install
    }
    Optional<Role> needed = RouteRoles.required(ctx.method().name(), ctx.path());
    if (needed.isEmpty()) {
      return;
    }
    String credential = credential(ctx.header("Authorization"));
    long waitMs = credential == null ? 0 : failures.waitMs(ctx.ip());
    if (waitMs > 0) {
      long seconds = (waitMs + 999) / 1000;
      ctx.header("Retry-After", Long.toString(seconds));
      throw new ApiException(429, "too many failed authentications from " + ctx.ip()
          + " in the last minute; try again in " + seconds + " s");
    }
    Optional<ApiTokens.Token> token = tokens.verify(credential);
    if (token.isEmpty()) {
      if (credential != null) {
        failures.failed(ctx.ip()); // a wrong guess; asking without a token is no guess
      }
      ctx.header("WWW-Authenticate", "Bearer realm=\"vigil\"");
      throw new ApiException(401, "a valid API token is required: Authorization: Bearer"
          + " <token> (vigil token create)");
    }
    ctx.attribute(TOKEN, token.get()); // the audit log names who was refused too
    if (!token.get().role().covers(needed.get())) {
      throw new ApiException(403, "token " + token.get().name() + " has the role "
          + token.get().role().label() + "; " + ctx.method().name() + " " + ctx.path()
          + " needs " + needed.get().label());
    }
  }

  /** The token in an Authorization header: a bearer token, or basic auth's password. */
  static String credential(String header) {
    if (header == null) {
      return null;
    }
    String h = header.strip();
    if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return h.substring(7).strip();
    }
    if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair = new String(Base64.getDecoder().decode(h.substring(6).strip()),
            StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 ? null : pair.substring(colon + 1);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }
}
