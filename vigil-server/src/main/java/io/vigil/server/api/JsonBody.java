package io.vigil.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.vigil.series.Timestamps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's JSON object body, read strictly: an unknown field, a wrong type or a bad time is
 * refused with 400 naming the field, so a typo never silently means "not given".
 */
final class JsonBody {
  private final ObjectNode body;

  private JsonBody(ObjectNode body) {
    this.body = body;
  }

  /**
   * The body as an object with only {@code allowed} fields; an empty body is an empty object.
   *
   * @throws ApiException 415 for a non-JSON content type, 400 for anything else wrong
   */
  static JsonBody read(Context ctx, Set<String> allowed) {
    String type = ctx.contentType();
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      return new JsonBody(Json.object());
    }
    if (type != null && !type.startsWith("application/json")) {
      throw new ApiException(415, "Content-Type must be application/json, was " + type);
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new ApiException(400, "the body is not valid JSON: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new ApiException(400, "the body must be a JSON object");
    }
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> i = node.fieldNames(); i.hasNext(); ) {
      String f = i.next();
      if (!allowed.contains(f)) {
        unknown.add(f);
      }
    }
    if (!unknown.isEmpty()) {
      throw new ApiException(400, "unknown field" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + ": the fields are " + String.join(", ",
              new TreeSet<>(allowed)));
    }
    return new JsonBody((ObjectNode) node);
  }

  boolean has(String field) {
    return body.hasNonNull(field);
  }

  JsonNode node(String field) {
    return body.get(field);
  }

  /** A whole number field, or null when absent. */
  Long whole(String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.canConvertToLong() || !n.isIntegralNumber()) {
      throw new ApiException(400, field + ": must be a whole number, was " + n);
    }
    return n.longValue();
  }

  /** A number field, or null when absent. */
  Double number(String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isNumber()) {
      throw new ApiException(400, field + ": must be a number, was " + n);
    }
    return n.doubleValue();
  }

  /** A string field, or {@code otherwise} when absent. */
  String text(String field, String otherwise) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return otherwise;
    }
    if (!n.isTextual()) {
      throw new ApiException(400, field + ": must be a string, was " + n);
    }
    return n.textValue();
  }

  /** A true/false field, or {@code otherwise} when absent. */
  boolean bool(String field, boolean otherwise) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return otherwise;
    }
    if (!n.isBoolean()) {
      throw new ApiException(400, field + ": must be true or false, was " + n);
    }
    return n.booleanValue();
  }

  /**
   * A time (epoch seconds or milliseconds, told apart by size, or RFC 3339), or null when
   * absent.
   */
  Long time(String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    try {
      if (n.isIntegralNumber()) {
        if (!n.canConvertToLong()) {
          throw new IllegalArgumentException(n + " is outside the times accepted ("
              + Timestamps.RANGE + ")");
        }
        return Timestamps.fromEpochNumber(n.longValue());
      }
      if (n.isNumber()) {
        return Timestamps.fromEpochNumber(n.doubleValue());
      }
      if (!n.isTextual()) {
        throw new IllegalArgumentException("must be epoch seconds or milliseconds or an RFC"
            + " 3339 time, was " + n);
      }
      return Timestamps.parseMillis(n.textValue());
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, field + ": " + e.getMessage());
    }
  }

  /** A list of strings, or an empty list when absent. */
  List<String> texts(String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new ApiException(400, field + ": must be a list of strings, was " + n);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      if (!n.get(i).isTextual()) {
        throw new ApiException(400, field + "[" + i + "]: must be a string, was " + n.get(i));
      }
      out.add(n.get(i).textValue());
    }
    return out;
  }
}
