package io.vigil.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.RemoteWriteRequests;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

/** Payloads as the job reads them: the service's parsers, problems to the side output. */
class PointPayloadsTest {
  private final List<MetricPoint> points = new ArrayList<>();
  private final List<String> rejected = new ArrayList<>();

  private void feed(PointPayloads f, byte[] payload) {
    ProcessFunction<byte[], MetricPoint>.Context context = f.new Context() {
      @Override
      public Long timestamp() {
        return null;
      }

      @Override
      public TimerService timerService() {
        throw new UnsupportedOperationException();
      }

      @Override
      public <X> void output(OutputTag<X> tag, X value) {
        assertThat(tag).isEqualTo(PointPayloads.REJECTED);
        rejected.add((String) value);
      }
    };
    f.processElement(payload, context, new ListCollector<>(points));
  }

  @Test
  void remoteWriteRequests_becomePointsOfTheirSeries_staleMarkersLeftOut() throws Exception {
    PointPayloads f = new PointPayloads(PointPayloads.Format.REMOTE_WRITE);
    double stale = Double.longBitsToDouble(0x7ff0000000000002L);
    feed(f, RemoteWriteRequests.writeRequest(Map.of("__name__", "node_load1", "instance",
        "db1:9100"), new double[] {0.5, 0.0, stale}, new long[] {1_700_000_000_000L,
        1_700_000_015_000L, 1_700_000_030_000L}));
    assertThat(points).extracting(p -> p.value).containsExactly(0.5, 0.0); // a zero is kept
    assertThat(points.get(0).series).isEqualTo("node_load1{instance=\"db1:9100\"}");
    feed(f, new byte[] {1, 2, 3});
    assertThat(rejected).singleElement().asString().contains("3 bytes of remote write");
  }

  @Test
  void json_isABatchOrOnePoint_andABadOneIsRefusedWhole() {
    PointPayloads f = new PointPayloads(PointPayloads.Format.JSON);
    feed(f, "{\"series\":\"cpu\",\"timestamp\":1700000000000,\"value\":1}".getBytes(
        StandardCharsets.UTF_8));
    feed(f, ("[{\"series\":\"cpu\",\"timestamp\":1700000060000,\"value\":2},"
        + "{\"series\":\"cpu\",\"timestamp\":1700000120000,\"value\":3}]")
        .getBytes(StandardCharsets.UTF_8));
    feed(f, ("[{\"series\":\"cpu\",\"timestamp\":1700000180000,\"value\":4},"
        + "{\"series\":\"cpu\",\"timestamp\":1700000240000,\"value\":null}]")
        .getBytes(StandardCharsets.UTF_8));
    feed(f, "   ".getBytes(StandardCharsets.UTF_8));
    assertThat(points).extracting(p -> p.value).containsExactly(1.0, 2.0, 3.0);
    assertThat(rejected).singleElement().asString().startsWith("[1].value");
  }
}
