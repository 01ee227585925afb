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
 * {@code {"series": name, "labels": {..}, "timestamp": time, "value": number}}, the time
 * epoch seconds or milliseconds (told apart by size, {@link Timestamps#fromEpochNumber}) or
 * RFC 3339 text. The whole batch is checked before any of it is used; every problem of every
 * point is reported with its place ({@code [3].value: ...}), up to {@value #MAX_PROBLEMS}
 * listed and all counted, and a batch with any problem
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
    Problems problems = new Problems();
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
        IncomingPoint point = point(p, count++, problems);
        if (point != null) {
          points.add(point);
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
    if (problems.count() > 0) {
      List<String> listed = new ArrayList<>(problems.listed);
      if (problems.count() > MAX_PROBLEMS) {
        listed.add("... and " + (problems.count() - MAX_PROBLEMS) + " more");
      }
      throw new ApiException(400, "the batch was refused, nothing of it was stored: "
          + problems.count() + (problems.count() == 1 ? " problem, " : " problems, first ")
          + listed.get(0), listed);
    }
    return points;
  }

  /**
   * Reads one element, the parser on its first token; leaves the parser on its last. Reads
   * the whole element before judging it, so a problem never leaves the parser inside it, and
   * names every problem of the element, not just the first.
   *
   * @return the point, or null when {@code problems} got at least one line
   */
  private static IncomingPoint point(JsonParser p, int index, Problems problems)
      throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      String kind = kind(p.currentToken());
      p.skipChildren();
      problems.add(at(index) + ": must be an object, was " + kind);
      return null;
    }
    int before = problems.count();
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
        problems.add(at(index) + "." + field + (bit == 0 ? ": unknown field (expected"
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
        case 2 -> labels(p, t, labels, index, problems);
        case 4 -> {
          timestamp = t;
          if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            try {
              if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == NumberType.BIG_INTEGER) {
                throw new IllegalArgumentException(p.getText() + " is outside the times"
                    + " accepted (" + Timestamps.RANGE + ")");
              }
              millis = t == JsonToken.VALUE_NUMBER_INT
                  ? Timestamps.fromEpochNumber(p.getLongValue())
                  : Timestamps.fromEpochNumber(p.getDoubleValue());
            } catch (IllegalArgumentException e) {
              problems.add(at(index) + ".timestamp: " + e.getMessage());
              timestamp = JsonToken.NOT_AVAILABLE; // reported
            }
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
    SeriesKey key = null;
    if (series != JsonToken.VALUE_STRING) {
      problems.add(at(index) + ".series: required, a string"
          + (series == null ? "" : ", was " + kind(series)));
    } else {
      try {
        key = SeriesKey.of(name, labels);
      } catch (IllegalArgumentException e) {
        problems.add(at(index) + ": " + e.getMessage());
      }
    }
    long ms = timestamp(timestamp, millis, text, index, problems);
    double v = value(value, number, numberText, index, problems);
    return problems.count() == before ? new IncomingPoint(key, ms, v) : null;
  }

  /** Reads a labels object into {@code labels}, naming each problem with it. */
  private static void labels(JsonParser p, JsonToken t, Map<String, String> labels,
      int index, Problems problems) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t != JsonToken.START_OBJECT) {
      problems.add(at(index) + ".labels: must be an object of strings, was " + kind(t));
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String label = p.currentName();
      JsonToken v = p.nextToken();
      if (v != JsonToken.VALUE_STRING) {
        problems.add(at(index) + ".labels." + label + ": must be a string, was " + kind(v));
        p.skipChildren();
      } else if (labels.put(label, p.getText()) != null) {
        problems.add(at(index) + ".labels." + label + ": given twice");
      }
    }
  }

  /** An element's place, for messages: built only when there is a problem to report. */
  private static String at(int index) {
    return "[" + index + "]";
  }

  /**
   * @param millis the timestamp when it was a number, already checked, else null
   * @return the time, or 0 after adding a problem
   */
  private static long timestamp(JsonToken t, Long millis, String text, int index,
      Problems problems) {
    if (t == JsonToken.NOT_AVAILABLE) {
      return 0; // already reported
    }
    if (t == null) {
      problems.add(at(index) + ".timestamp: required (epoch seconds or milliseconds, or"
          + " RFC 3339 text)");
      return 0;
    }
    if (millis != null) {
      return millis;
    }
    if (t == JsonToken.VALUE_STRING) {
      try {
        return Timestamps.parseMillis(text);
      } catch (IllegalArgumentException e) {
        problems.add(at(index) + ".timestamp: " + e.getMessage());
        return 0;
      }
    }
    problems.add(at(index) + ".timestamp: must be epoch seconds or milliseconds (a number) or"
        + " RFC 3339 text, was " + kind(t));
    return 0;
  }

  /** @return the value, or NaN after adding a problem */
  private static double value(JsonToken t, double number, String text, int index,
      Problems problems) {
    if (t == null || !t.isNumeric()) {
      problems.add(at(index) + ".value: required, a number" + (t == null ? "" : ", was "
          + kind(t)));
      return Double.NaN;
    }
    if (!Double.isFinite(number)) {
      problems.add(at(index) + ".value: " + text + " is outside the range of finite numbers");
      return Double.NaN;
    }
    return number;
  }

  /** The problems of a batch: counted in full, listed up to {@value #MAX_PROBLEMS}. */
  private static final class Problems {
    final List<String> listed = new ArrayList<>();
    int count;

    void add(String problem) {
      if (count++ < MAX_PROBLEMS) {
        listed.add(problem);
      }
    }

    int count() {
      return count;
    }
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
