package io.vigil.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.series.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Flink job on Flink's MiniCluster (two task slots): its assessments equal the detectors'
 * own, point for point (on the heap and RocksDB state backends); a failure injected mid-stream
 * changes none; a savepoint taken at parallelism 1 continues at parallelism 2 with every
 * series' state.
 */
class VigilJobTest {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = TestCluster.twoSlots();

  private static final long START = 1_700_000_000_000L;
  private static final long MINUTE = 60_000;
  private static final int POINTS = 1500;

  @TempDir Path dir;

  @BeforeEach
  void clear() {
    CollectingSink.clear();
  }

  /** Six series interleaved in time: latencies with spikes, and counters (by their names). */
  private static List<MetricPoint> points() {
    List<MetricPoint> out = new ArrayList<>();
    Random random = new Random(7);
    double[] counters = new double[6];
    for (int i = 0; i < POINTS; i++) {
      for (int s = 0; s < 6; s++) {
        boolean counter = s >= 4;
        SeriesKey key = SeriesKey.of(counter ? "http_requests_total" : "latency_ms",
            Map.of("host", "h" + s));
        double v;
        if (counter) {
          counters[s] += 100 + 10 * random.nextGaussian() + (i == 900 ? 5000 : 0);
          v = counters[s];
        } else {
          v = 100 + 20 * Math.sin(2 * Math.PI * i / 1440.0) + 5 * random.nextGaussian()
              + (i % 500 == 499 ? 80 : 0);
        }
        out.add(new MetricPoint(key, START + i * MINUTE, v));
      }
    }
    return out;
  }

  /** Each point's probability from its series' detector run alone, in order. */
  private static Map<String, Double> reference(List<MetricPoint> points) {
    DetectorChoice choice = DetectorChoice.defaults();
    Map<String, StreamingDetector> detectors = new HashMap<>();
    Map<String, Double> out = new HashMap<>();
    for (MetricPoint p : points) {
      StreamingDetector d = detectors.computeIfAbsent(p.series,
          s -> DetectorSpec.parse(choice.detectorFor(p.seriesKey())).create());
      out.put(CollectingSink.key(p.series, p.timestampMs),
          d.process(p.timestampMs, p.value).probability());
    }
    return out;
  }

  private static void assertEqualsReference(Map<String, Double> expected) {
    assertThat(CollectingSink.CONFLICTS).as("points judged differently twice").isEmpty();
    assertThat(CollectingSink.PROBABILITY).hasSameSizeAs(expected);
    for (var e : expected.entrySet()) {
      assertThat(CollectingSink.PROBABILITY.get(e.getKey())).as(e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void assessmentsEqualTheDetectorsOwn_onEitherStateBackend(String backend) throws Exception {
    List<MetricPoint> points = points();
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, backend);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    VigilJob.detect(env.fromData(points), DetectorChoice.defaults()).sinkTo(new CollectingSink());
    env.execute("equivalence on " + backend);
    assertEqualsReference(reference(points));
    // the counters were judged as counters, as the service judges them
    assertThat(DetectorChoice.defaults().detectorFor(points.get(4).seriesKey()))
        .isNotEqualTo(DetectorChoice.defaults().detectorFor(points.get(0).seriesKey()));
  }

  /**
   * Passes points on, a millisecond each until a checkpoint completes (so that the failure
   * comes after one, however loaded the machine), then fails once after 1000 points.
   */
  static final class FailOnceAfterACheckpoint extends RichMapFunction<MetricPoint, MetricPoint>
      implements CheckpointListener {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicInteger SEEN_BEFORE_FAILURE = new AtomicInteger();

    @Override
    public MetricPoint map(MetricPoint p) throws Exception {
      if (!FAILED.get()) {
        if (CHECKPOINTED.get() && SEEN_BEFORE_FAILURE.get() > 1000) {
          FAILED.set(true);
          throw new IllegalStateException("injected failure");
        }
        SEEN_BEFORE_FAILURE.incrementAndGet();
        if (!CHECKPOINTED.get()) {
          Thread.sleep(1); // hold the stream back until a checkpoint completes, however slow
        }
      }
      return p;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      CHECKPOINTED.set(true);
    }
  }

  @Test
  void aFailureMidStream_restoresFromTheCheckpoint_andChangesNoAssessment() throws Exception {
    List<MetricPoint> points = points();
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
        java.time.Duration.ofMillis(100));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    env.enableCheckpointing(100);
    DataStream<MetricPoint> source = env.fromData(points).setParallelism(1)
        .map(new FailOnceAfterACheckpoint()).setParallelism(1);
    VigilJob.detect(source, DetectorChoice.defaults()).sinkTo(new CollectingSink());
    env.execute("failure");
    assertThat(FailOnceAfterACheckpoint.FAILED).isTrue();
    assertThat(CollectingSink.WRITES.values()).as("points replayed after the restart")
        .anyMatch(n -> n > 1);
    assertEqualsReference(reference(points));
  }

  @Test
  void aSavepointAtParallelism1_continuesAtParallelism2_withEverySeriesState()
      throws Exception {
    List<MetricPoint> points = points();
    int half = points.size() / 2;
    Path first = Files.createDirectories(dir.resolve("first"));
    Path second = Files.createDirectories(dir.resolve("second"));
    Files.write(first.resolve("points.jsonl"), lines(points.subList(0, half)));
    Files.write(second.resolve("points.jsonl"), lines(points.subList(half, points.size())));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.enableCheckpointing(200);
    build(env, first, "first-source");
    JobClient job = env.executeAsync("before rescaling");
    waitFor(half);
    String savepoint = job.stopWithSavepoint(false, dir.resolve("savepoints").toUri()
        .toString(), SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);

    Configuration conf = new Configuration();
    conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true); // the old source
    StreamExecutionEnvironment rescaled =
        StreamExecutionEnvironment.getExecutionEnvironment(conf);
    rescaled.setParallelism(2);
    build(rescaled, second, "second-source");
    JobClient after = rescaled.executeAsync("after rescaling");
    waitFor(points.size());
    after.cancel().get(60, TimeUnit.SECONDS);
    assertEqualsReference(reference(points));
  }

  private static void build(StreamExecutionEnvironment env, Path from, String sourceUid) {
    DataStream<String> lines = env.fromSource(FileSource.forRecordStreamFormat(
        new TextLineInputFormat(), new org.apache.flink.core.fs.Path(from.toUri()))
        .monitorContinuously(java.time.Duration.ofMillis(100)).build(),
        WatermarkStrategy.noWatermarks(), sourceUid).uid(sourceUid).setParallelism(1);
    DataStream<MetricPoint> parsed = lines.map(l -> l.getBytes(java.nio.charset.StandardCharsets.UTF_8)).returns(byte[].class)
        .setParallelism(1).process(new PointPayloads(PointPayloads.Format.JSON))
        .uid(sourceUid + "-lines")
        .setParallelism(1);
    VigilJob.detect(parsed, DetectorChoice.defaults()).sinkTo(new CollectingSink());
  }

  private static List<String> lines(List<MetricPoint> points) {
    List<String> out = new ArrayList<>();
    for (MetricPoint p : points) {
      StringBuilder labels = new StringBuilder();
      for (int i = 0; i < p.labels.length; i += 2) {
        labels.append(i == 0 ? "" : ",").append('"').append(p.labels[i]).append("\":\"")
            .append(p.labels[i + 1]).append('"');
      }
      out.add("{\"series\":\"" + p.name + "\",\"labels\":{" + labels + "},\"timestamp\":"
          + p.timestampMs + ",\"value\":" + p.value + "}");
    }
    return out;
  }

  private static void waitFor(int assessments) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (CollectingSink.PROBABILITY.size() < assessments && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(CollectingSink.PROBABILITY).hasSize(assessments);
  }
}
