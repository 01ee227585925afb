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
  private final PointBatchParser parser = new PointBatchParser(3);

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
  void everyProblem_isNamedByItsPlace_andTheBatchRefusedWhole() {
    ApiException e = refused("""
        [{"series": "cpu", "timestamp": 1, "value": "high"},
         {"series": "cpu", "timestamp": 1, "value": 1, "unit": "ms", "labels": {"a": 1}},
         {"series": "cpu", "series": "mem", "timestamp": 1.5, "value": 1e400}]
        """);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.problems()).containsExactly(
        "[0].value: required, a number, was string",
        "[1].unit: unknown field (expected series, labels, timestamp, value)",
        "[2].series: given twice");
    assertThat(refused("[{\"series\": \"cpu\", \"timestamp\": 99999999999999999999,"
        + " \"value\": 1}]").problems()).containsExactly("[0].timestamp: must be epoch"
            + " milliseconds (an integer) or RFC 3339 text, was number");
    assertThat(refused("[{\"series\": \"cpu\", \"timestamp\": 1, \"value\": 1e400}]")
        .problems()).containsExactly("[0].value: 1e400 is outside the range of finite numbers");
    assertThat(refused("[{\"series\": \"cpu\", \"timestamp\": 1, \"value\": 1,"
        + " \"labels\": {\"a\": \"x\", \"a\": \"y\"}}]").problems())
        .containsExactly("[0].labels.a: given twice");
    assertThat(refused("[7, {\"series\": {\"no\": 1}, \"timestamp\": 1, \"value\": 1}]")
        .problems()).containsExactly("[0]: must be an object, was number",
            "[1].series: required, a string");
  }

  @Test
  void brokenOrMisshapenBodies_andTooManyPoints() {
    assertThat(refused("[{\"series\": \"cpu\",").getMessage()).contains("not valid JSON");
    assertThat(refused("{\"series\": \"cpu\"}").getMessage())
        .isEqualTo("the body must be a JSON array of points");
    assertThat(refused("").getMessage()).isEqualTo("the body must be a JSON array of points");
    assertThat(refused("[] []").getMessage()).contains("more after the array");
    String one = "{\"series\": \"cpu\", \"timestamp\": 1, \"value\": 1}";
    ApiException tooMany = refused("[" + String.join(",", one, one, one, one) + "]");
    assertThat(tooMany.status()).isEqualTo(413);
    assertThat(tooMany.getMessage()).contains("more than 3 points");
  }
}
