package io.vigil.bench;

import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.StreamingDetectors;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Time per point of the default detector when points of many series arrive interleaved, as
 * in an ingest batch: each point lands on another series' state, so with enough series that
 * state is no longer in cache and detection waits on memory. Compare 1 series (state always
 * in cache) with 1,000 (the ingest benchmark's) and 10,000.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InterleavedSeriesBenchmark {
  private static final int POINTS = 20_000;
  private static final long STEP_MS = 60_000;
  /** Points each series learns before measuring, past every member's warm-up. */
  private static final int TRAINED = 400;

  @Param({"1", "1000", "10000"})
  public int series;

  private final double[] values = new double[POINTS];
  private StreamingDetector[] detectors;
  private long round;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    for (int i = 0; i < POINTS; i++) {
      values[i] = 100 + 10 * random.nextGaussian();
    }
    detectors = new StreamingDetector[series];
    for (int s = 0; s < series; s++) {
      detectors[s] = StreamingDetectors.create("default");
      for (int i = 0; i < TRAINED; i++) {
        detectors[s].process(i * STEP_MS, values[(s + i) % POINTS]);
      }
    }
    round = TRAINED;
  }

  /** One point to each series in turn, {@value #POINTS} points; the score is ns a point. */
  @Benchmark
  @OperationsPerInvocation(POINTS)
  public void process(Blackhole sink) {
    for (int i = 0; i < POINTS; i++) {
      int s = i % series;
      long t = (round + i / series) * STEP_MS;
      sink.consume(detectors[s].process(t, values[i]));
    }
    round += POINTS / series + 1;
  }
}
