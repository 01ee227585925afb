package io.vigil.server.security;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The role each route needs. Reading is {@link Role#VIEWER}'s; sending points and events
 * {@link Role#WRITER}'s; silences and feedback {@link Role#OPERATOR}'s; anything else that
 * changes something (models, rollbacks, retuning, deleting an entity's events)
 * {@link Role#ADMIN}'s, and so is reading the audit log. Health checks, the API description
 * and the dashboard's static files (which hold no data) need none.
 */
public final class RouteRoles {
  private static final Pattern OPEN = Pattern.compile(
      "/(healthz|readyz|openapi\\.json|index\\.html|assets/[^/]+|webjars/.+)?");
  private static final Pattern WRITING = Pattern.compile(
      "/api/v1/(points|write|import|events)");
  private static final Pattern ADMIN_READS = Pattern.compile("/api/v1/audit");
  private static final Pattern OPERATING = Pattern.compile(
      "/api/v1/(silences(/[^/]+)?|feedback)");

  private RouteRoles() {}

  /** The role {@code method path} needs; empty for none. */
  public static Optional<Role> required(String method, String path) {
    if (OPEN.matcher(path).matches() && method.equals("GET")) {
      return Optional.empty();
    }
    if (ADMIN_READS.matcher(path).matches()) {
      return Optional.of(Role.ADMIN);
    }
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
      return Optional.of(Role.VIEWER);
    }
    if (method.equals("POST") && WRITING.matcher(path).matches()) {
      return Optional.of(Role.WRITER);
    }
    if (OPERATING.matcher(path).matches()) {
      return Optional.of(Role.OPERATOR);
    }
    return Optional.of(Role.ADMIN);
  }
}
