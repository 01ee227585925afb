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
 * Points per second one thread pushes through a streaming detector, on a daily-seasonal
 * 5-minute series with noise and occasional spikes. One detector lives for the whole trial and
 * sees the series again and again with advancing timestamps, as a long-running service would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamingDetectorBenchmark {
  private static final int POINTS = 10_000;
  private static final long STEP_MS = 300_000;

  @Param({"default", "ensemble", "rarity", "seasonal", "holt-winters", "windowed-gaussian",
      "robust-ewma", "rcf"})
  public String detector;

  private final double[] values = new double[POINTS];
  private StreamingDetector d;
  private long t;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    for (int i = 0; i < POINTS; i++) {
      double daily = Math.sin(2 * Math.PI * i / 288.0);
      values[i] = 100 + 30 * daily + 5 * random.nextGaussian()
          + (random.nextInt(500) == 0 ? 80 : 0);
    }
    d = StreamingDetectors.create(detector);
  }

  /** Processes the whole series once; the score is points per second. */
  @Benchmark
  @OperationsPerInvocation(POINTS)
  public void process(Blackhole sink) {
    for (int i = 0; i < POINTS; i++) {
      t += STEP_MS;
      sink.consume(d.process(t, values[i]));
    }
  }
}
