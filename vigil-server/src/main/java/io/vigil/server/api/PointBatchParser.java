package io.vigil.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.series.SeriesKey;
import io.vigil.series.Timestamps;
import io.vigil.server.engine.IncomingPoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code POST /api/v1/points} bodies: a JSON array of
 * {@code {"series": name, "labels": {..}, "timestamp": ms or RFC 3339, "value": number}}.
 * The whole batch is checked before any of it is used; every problem is reported with its
 * place ({@code [3].value: ...}), up to {@value #MAX_PROBLEMS}, and a batch with any problem
 * is refused whole, so a client can fix and resend it without duplicating points.
 */
public final class PointBatchParser {
  static final int MAX_PROBLEMS = 20;
  /** Streaming, not a tree: a tree of every point first cost as much as detecting them. */
  private static final JsonFactory JSON = new JsonFactory();

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
    List<IncomingPoint> points = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new ApiException(400, "the body must be a JSON array of points");
      }
      int count = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (count == maxPoints) {
          throw new ApiException(413, "more than " + maxPoints + " points in one request:"
              + " split the batch");
        }
        try {
          points.add(point(p, count++));
        } catch (IllegalArgumentException e) {
          if (problems.size() < MAX_PROBLEMS) {
            problems.add(e.getMessage());
          } else if (problems.size() == MAX_PROBLEMS) {
            problems.add("... and more");
          }
        }
      }
      if (p.nextToken() != null) {
        throw new ApiException(400, "the body has more after the array of points"
            + location(p.currentLocation()));
      }
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "the body is not valid JSON: "
          + e.getOriginalMessage() + location(e.getLocation()));
    } catch (IOException e) {
      throw new ApiException(400, "the body could not be read: " + e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new ApiException(400, "the batch was refused, nothing of it was stored: "
          + problems.get(0), problems);
    }
    return points;
  }

  /**
   * Reads one element, the parser on its first token; leaves the parser on its last. Reads
   * the whole element before judging it, so a problem never leaves the parser inside it.
   */
  private static IncomingPoint point(JsonParser p, int index) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      String kind = kind(p.currentToken());
      p.skipChildren();
      throw new IllegalArgumentException(at(index) + ": must be an object, was " + kind);
    }
    String problem = null;
    JsonToken series = null;
    String name = null;
    Map<String, String> labels = new HashMap<>(); // SeriesKey sorts them
    JsonToken timestamp = null;
    Long millis = null;
    String text = null;
    JsonToken value = null;
    double number = Double.NaN;
    String numberText = null;
    int seen = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      int bit = switch (field) {
        case "series" -> 1;
        case "labels" -> 2;
        case "timestamp" -> 4;
        case "value" -> 8;
        default -> 0;
      };
      if (bit == 0 || (seen & bit) != 0) {
        problem = first(problem, at(index) + "." + field + (bit == 0 ? ": unknown field (expected"
            + " series, labels, timestamp, value)" : ": given twice"));
        p.skipChildren();
        continue;
      }
      seen |= bit;
      switch (bit) {
        case 1 -> {
          series = t;
          name = t == JsonToken.VALUE_STRING ? p.getText() : null;
        }
        case 2 -> problem = first(problem, labels(p, t, labels, index));
        case 4 -> {
          timestamp = t;
          if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != NumberType.BIG_INTEGER) {
            millis = p.getLongValue();
          } else if (t == JsonToken.VALUE_STRING) {
            text = p.getText();
          }
        }
        default -> {
          value = t;
          if (t.isNumeric()) {
            number = p.getDoubleValue();
            numberText = Double.isFinite(number) ? null : p.getText();
          }
        }
      }
      p.skipChildren();
    }
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (series != JsonToken.VALUE_STRING) {
      throw new IllegalArgumentException(at(index) + ".series: required, a string");
    }
    SeriesKey key;
    try {
      key = SeriesKey.of(name, labels);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at(index) + ": " + e.getMessage());
    }
    return new IncomingPoint(key, timestamp(timestamp, millis, text, index),
        value(value, number, numberText, index));
  }

  /** Reads a labels object into {@code labels}; the problem with it, or null. */
  private static String labels(JsonParser p, JsonToken t, Map<String, String> labels,
      int index) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      return at(index) + ".labels: must be an object of strings";
    }
    String problem = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String label = p.currentName();
      JsonToken v = p.nextToken();
      if (v != JsonToken.VALUE_STRING) {
        problem = first(problem, at(index) + ".labels." + label + ": must be a string, was "
            + kind(v));
        p.skipChildren();
      } else if (labels.put(label, p.getText()) != null) {
        problem = first(problem, at(index) + ".labels." + label + ": given twice");
      }
    }
    return problem;
  }

  /** An element's place, for messages: built only when there is a problem to report. */
  private static String at(int index) {
    return "[" + index + "]";
  }

  private static String first(String problem, String another) {
    return problem != null ? problem : another;
  }

  /** @param millis the timestamp when it is an integer that fits a long, else null */
  private static long timestamp(JsonToken t, Long millis, String text, int index) {
    if (t == null) {
      throw new IllegalArgumentException(at(index) + ".timestamp: required (epoch milliseconds or"
          + " RFC 3339 text)");
    }
    if (millis != null) {
      return millis;
    }
    if (t == JsonToken.VALUE_STRING) {
      try {
        return Timestamps.parseMillis(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at(index) + ".timestamp: " + e.getMessage());
      }
    }
    throw new IllegalArgumentException(at(index) + ".timestamp: must be epoch milliseconds (an"
        + " integer) or RFC 3339 text, was " + kind(t));
  }

  private static double value(JsonToken t, double number, String text, int index) {
    if (t == null || !t.isNumeric()) {
      throw new IllegalArgumentException(at(index) + ".value: required, a number"
          + (t == null ? "" : ", was " + kind(t)));
    }
    if (!Double.isFinite(number)) {
      throw new IllegalArgumentException(at(index) + ".value: " + text + " is outside the range of"
          + " finite numbers");
    }
    return number;
  }

  private static String kind(JsonToken t) {
    return switch (t) {
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      default -> t.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String location(JsonLocation l) {
    return l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
  }
}
