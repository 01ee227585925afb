package io.vigil.server.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.series.SeriesKey;
import io.vigil.series.Timestamps;
import io.vigil.server.engine.IncomingPoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads {@code POST /api/v1/points} bodies: a JSON array of
 * {@code {"series": name, "labels": {..}, "timestamp": ms or RFC 3339, "value": number}}.
 * The whole batch is checked before any of it is used; every problem is reported with its
 * place ({@code [3].value: ...}), up to {@value #MAX_PROBLEMS}, and a batch with any problem
 * is refused whole, so a client can fix and resend it without duplicating points.
 */
public final class PointBatchParser {
  static final int MAX_PROBLEMS = 20;
  private static final Set<String> FIELDS = Set.of("series", "labels", "timestamp", "value");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final int maxPoints;

  /** A parser that refuses batches of more than {@code maxPoints} points. */
  public PointBatchParser(int maxPoints) {
    this.maxPoints = maxPoints;
  }

  /**
   * The points of {@code body}, in order.
   *
   * @throws ApiException 400 with every problem found, or 413 for too many points
   */
  public List<IncomingPoint> parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "the body is not valid JSON: "
          + e.getOriginalMessage() + location(e));
    } catch (IOException e) {
      throw new ApiException(400, "the body could not be read: " + e.getMessage());
    }
    if (root == null || !root.isArray()) {
      throw new ApiException(400, "the body must be a JSON array of points");
    }
    if (root.size() > maxPoints) {
      throw new ApiException(413, root.size() + " points in one request: at most " + maxPoints
          + "; split the batch");
    }
    List<IncomingPoint> points = new ArrayList<>(root.size());
    List<String> problems = new ArrayList<>();
    int count = 0;
    for (JsonNode node : root) {
      String at = "[" + count++ + "]";
      try {
        points.add(point(node, at));
      } catch (IllegalArgumentException e) {
        if (problems.size() < MAX_PROBLEMS) {
          problems.add(e.getMessage());
        } else if (problems.size() == MAX_PROBLEMS) {
          problems.add("... and more");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(400, "the batch was refused, nothing of it was stored: "
          + problems.get(0), problems);
    }
    return points;
  }

  private static IncomingPoint point(JsonNode node, String at) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(at + ": must be an object");
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(at + "." + name + ": unknown field (expected "
            + "series, labels, timestamp, value)");
      }
    }
    JsonNode series = node.get("series");
    if (series == null || !series.isTextual()) {
      throw new IllegalArgumentException(at + ".series: required, a string");
    }
    Map<String, String> labels = new TreeMap<>();
    JsonNode labelNode = node.get("labels");
    if (labelNode != null && !labelNode.isNull()) {
      if (!labelNode.isObject()) {
        throw new IllegalArgumentException(at + ".labels: must be an object of strings");
      }
      for (Map.Entry<String, JsonNode> e : labelNode.properties()) {
        if (!e.getValue().isTextual()) {
          throw new IllegalArgumentException(at + ".labels." + e.getKey()
              + ": must be a string, was " + kind(e.getValue()));
        }
        labels.put(e.getKey(), e.getValue().textValue());
      }
    }
    SeriesKey key;
    try {
      key = SeriesKey.of(series.textValue(), labels);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": " + e.getMessage());
    }
    return new IncomingPoint(key, timestamp(node.get("timestamp"), at),
        value(node.get("value"), at));
  }

  private static long timestamp(JsonNode t, String at) {
    if (t == null) {
      throw new IllegalArgumentException(at + ".timestamp: required (epoch milliseconds or"
          + " RFC 3339 text)");
    }
    if (t.isIntegralNumber() && t.canConvertToLong()) {
      return t.longValue();
    }
    if (t.isTextual()) {
      try {
        return Timestamps.parseMillis(t.textValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + ".timestamp: " + e.getMessage());
      }
    }
    throw new IllegalArgumentException(at + ".timestamp: must be epoch milliseconds (an"
        + " integer) or RFC 3339 text, was " + kind(t));
  }

  private static double value(JsonNode v, String at) {
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException(at + ".value: required, a number"
          + (v == null ? "" : ", was " + kind(v)));
    }
    double d = v.doubleValue();
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException(at + ".value: " + v + " is outside the range of"
          + " finite numbers");
    }
    return d;
  }

  private static String kind(JsonNode n) {
    return n.isNull() ? "null" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
            + ")";
  }
}
