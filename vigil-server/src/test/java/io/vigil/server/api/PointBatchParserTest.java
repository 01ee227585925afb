package io.vigil.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vigil.server.engine.IncomingPoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming JSON batch reader: what it accepts, and every problem named by place. */
class PointBatchParserTest {
  private final PointBatchParser parser = new PointBatchParser(5);

  private List<IncomingPoint> parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private ApiException refused(String json) {
    return catchThrowableOfType(ApiException.class, () -> parse(json));
  }

  @Test
  void readsPoints_inAnyFieldOrder_withEitherTimeForm() {
    List<IncomingPoint> points = parse("""
        [{"value": 2.5, "timestamp": 1714564800000, "labels": {"host": "a", "dc": "x"},
          "series": "http_latency_ms"},
         {"series": "cpu", "timestamp": "2024-05-01T12:00:01Z", "value": 7, "labels": null}]
        """);
    assertThat(points).hasSize(2);
    assertThat(points.get(0).key().labels()).isEqualTo(Map.of("dc", "x", "host", "a"));
    assertThat(points.get(0).timestampMs()).isEqualTo(1_714_564_800_000L);
    assertThat(points.get(0).value()).isEqualTo(2.5);
    assertThat(points.get(1).timestampMs()).isEqualTo(1_714_564_801_000L);
    assertThat(points.get(1).value()).isEqualTo(7.0);
    assertThat(parse("[]")).isEmpty();
  }

  @Test
  void everyProblem_ofEveryPoint_isNamedByItsPlace_andTheBatchRefusedWhole() {
    ApiException e = refused("""
        [{"series": "cpu", "timestamp": 1, "value": "high"},
         {"series": "cpu", "timestamp": 1, "value": 1, "unit": "ms", "labels": {"a": 1}},
         {"series": "cpu", "series": "mem", "timestamp": 1.5, "value": 1e400}]
        """);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.problems()).containsExactly(
        "[0].value: required, a number, was string",
        "[1].unit: unknown field (expected series, labels, timestamp, value)",
        "[1].labels.a: must be a string, was number",
        "[2].series: given twice",
        "[2].value: 1e400 is outside the range of finite numbers");
    assertThat(e.getMessage()).isEqualTo("the batch was refused, nothing of it was stored:"
        + " 5 problems, first [0].value: required, a number, was string");
    assertThat(refused("[{\"series\": 7, \"labels\": [], \"timestamp\": \"soon\"}]")
        .problems()).containsExactly(
            "[0].labels: must be an object of strings, was array",
            "[0].series: required, a string, was number",
            "[0].timestamp: 'soon' is not a timestamp: use RFC 3339 (2024-05-01T12:00:00Z),"
                + " 'yyyy-MM-dd HH:mm:ss' (UTC), or epoch seconds or milliseconds",
            "[0].value: required, a number");
    assertThat(refused("[{\"series\": \"cpu\", \"timestamp\": 1, \"value\": 1e400}]")
        .problems()).containsExactly("[0].value: 1e400 is outside the range of finite numbers");
    assertThat(refused("[{\"series\": \"cpu\", \"timestamp\": 1, \"value\": 1,"
        + " \"labels\": {\"a\": \"x\", \"a\": \"y\"}}]").problems())
        .containsExactly("[0].labels.a: given twice");
    assertThat(refused("[7, {\"series\": {\"no\": 1}, \"timestamp\": 1, \"value\": 1}]")
        .problems()).containsExactly("[0]: must be an object, was number",
            "[1].series: required, a string, was object");
  }

  @Test
  void epochSecondsAndMilliseconds_areToldApartBySize_timesOutOfRangeAreNamed() {
    List<IncomingPoint> points = parse("""
        [{"series": "a", "timestamp": 1714564800, "value": 1},
         {"series": "a", "timestamp": 1714564800000, "value": 1},
         {"series": "a", "timestamp": 1714564800.25, "value": 1},
         {"series": "a", "timestamp": 99999999999, "value": 1}]
        """);
    assertThat(points).extracting(IncomingPoint::timestampMs).containsExactly(
        1_714_564_800_000L, 1_714_564_800_000L, 1_714_564_800_250L, 99_999_999_999_000L);
    String range = "is outside the times accepted (from 1970-01-01T00:00:00Z to"
        + " 9999-12-31T23:59:59.999Z)";
    assertThat(refused("""
        [{"series": "a", "timestamp": 99999999999999999999, "value": 1},
         {"series": "a", "timestamp": "+999999999-12-31T23:59:59Z", "value": 1},
         {"series": "a", "timestamp": "-999999999-01-01T00:00:00Z", "value": 1},
         {"series": "a", "timestamp": -5, "value": 1},
         {"series": "a", "timestamp": 253402300800000, "value": 1}]
        """).problems()).containsExactly(
            "[0].timestamp: 99999999999999999999 " + range,
            "[1].timestamp: '+999999999-12-31T23:59:59Z' " + range,
            "[2].timestamp: '-999999999-01-01T00:00:00Z' " + range,
            "[3].timestamp: -5 is not a time: epoch seconds or milliseconds must not be"
                + " negative",
            "[4].timestamp: 253402300800000 " + range);
  }

  @Test
  void brokenOrMisshapenBodies_andTooManyPoints() {
    assertThat(refused("[{\"series\": \"cpu\",").getMessage()).contains("not valid JSON");
    assertThat(refused("{\"series\": \"cpu\"}").getMessage())
        .isEqualTo("the body must be a JSON array of points");
    assertThat(refused("").getMessage()).isEqualTo("the body must be a JSON array of points");
    assertThat(refused("[] []").getMessage()).contains("more after the array");
    String one = "{\"series\": \"cpu\", \"timestamp\": 1, \"value\": 1}";
    ApiException tooMany = refused("[" + String.join(",", one, one, one, one, one, one) + "]");
    assertThat(tooMany.status()).isEqualTo(413);
    assertThat(tooMany.getMessage()).contains("more than 5 points");
  }
}
