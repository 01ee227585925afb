package io.vigil.flink;

import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.series.SeriesKey;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Points per second per task slot and state per series of the Flink job, on the heap and
 * RocksDB state backends: not part of the default test run (a benchmark, not a check), run
 * with {@code ./mvnw -B -q -pl vigil-flink -am test -Dtest=FlinkBench
 * -Dsurefire.failIfNoSpecifiedTests=false}. Generated points (a daily cycle with noise) for
 * {@value #SERIES} series, interleaved, through the job's detection operator into a sink
 * that discards them; a local Flink with one slot per parallel task. Each figure is one run
 * after a warm-up run of each backend.
 */
class FlinkBench {
  private static final int SERIES = 1000;
  private static final int POINTS_PER_SERIES = 1000;
  private static final long START = 1_700_000_000_000L;

  /** The i-th generated point: series i % SERIES, its (i / SERIES)-th minute. */
  static final class Generate implements MapFunction<Long, MetricPoint> {
    private static final long serialVersionUID = 1L;

    @Override
    public MetricPoint map(Long i) {
      int s = (int) (i % SERIES);
      long step = i / SERIES;
      double noise = ((i * 2654435761L) % 1000) / 100.0 - 5;
      return new MetricPoint(SeriesKey.of("latency_ms", Map.of("host", "h" + s)),
          START + step * 60_000, 100 + 20 * Math.sin(2 * Math.PI * step / 1440.0) + noise);
    }
  }

  /** Discards what it is given. */
  static final class Discard implements Sink<Assessed> {
    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<Assessed> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        @Override
        public void write(Assessed a, Context context) {}

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }

  private static double pointsPerSecond(String backend, int parallelism) throws Exception {
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, backend);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    long total = (long) SERIES * POINTS_PER_SERIES;
    VigilJob.detect(env.fromSequence(0, total - 1).map(new Generate()),
        DetectorChoice.defaults()).sinkTo(new Discard());
    long t0 = System.nanoTime();
    env.execute("bench " + backend);
    return total / ((System.nanoTime() - t0) / 1e9);
  }

  @Test
  void throughputAndStatePerSeries() throws Exception {
    StreamingDetector d = DetectorSpec.parse(DetectorChoice.defaults()
        .detectorFor(SeriesKey.of("latency_ms", Map.of("host", "h0")))).create();
    for (int i = 0; i < POINTS_PER_SERIES; i++) {
      d.process(START + i * 60_000L, 100 + 20 * Math.sin(2 * Math.PI * i / 1440.0));
    }
    DataOutputSerializer out = new DataOutputSerializer(4096);
    DetectorSerializer.INSTANCE.serialize(d, out);
    int stateBytes = out.length();
    int keyBytes = "latency_ms{host=\"h0\"}".length() + 8; // the key and the last timestamp
    pointsPerSecond("hashmap", 1); // warm-up: the JIT, and RocksDB's native library
    pointsPerSecond("rocksdb", 1);
    System.out.printf(Locale.ROOT, "%n%d series x %d points, default detector%n", SERIES,
        POINTS_PER_SERIES);
    System.out.printf(Locale.ROOT, "%-10s %6s %14s %16s%n", "backend", "slots", "points/s",
        "points/s/slot");
    for (String backend : new String[] {"hashmap", "rocksdb"}) {
      for (int p : new int[] {1, 2}) {
        double rate = pointsPerSecond(backend, p);
        System.out.printf(Locale.ROOT, "%-10s %6d %14.0f %16.0f%n", backend, p, rate, rate / p);
      }
    }
    System.out.printf(Locale.ROOT, "state per series: detector %d bytes serialised, with key"
        + " and last timestamp about %d%n", stateBytes, stateBytes + keyBytes);
  }
}
