package io.vigil.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code GET /api/v1/audit} as it travels, checked against {@code openapi.json} by {@code
 * OpenApiTest}.
 *
 * @param firstBrokenId when the chain is broken, the first row edited, inserted or following a
 *     deleted one; absent otherwise
 * @param entries the newest rows first
 */
public record AuditBody(boolean chainIntact,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long firstBrokenId, List<Entry> entries) {

  /** One audit row: who, with which role, did what to what, from where, with what outcome. */
  public record Entry(long id, String at, String who, String role, String method,
      String target, String from, int status, String hash) {}
}
