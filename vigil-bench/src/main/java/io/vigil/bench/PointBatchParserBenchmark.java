package io.vigil.bench;

import io.vigil.server.api.PointBatchParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Points per second one thread reads from {@code POST /api/v1/points} bodies: batches of
 * 1000 points over 1000 series with two labels each, as {@code vigil bench ingest} sends them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PointBatchParserBenchmark {
  private static final int POINTS = 1000;

  private final PointBatchParser parser = new PointBatchParser(POINTS);
  private final byte[] body = body();

  private static byte[] body() {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < POINTS; i++) {
      b.append(i == 0 ? "" : ",").append("{\"series\":\"bench_metric\",\"labels\":{\"host\":\"h")
          .append(i).append("\",\"dc\":\"eu\"},\"timestamp\":").append(1_700_000_000_000L + i)
          .append(",\"value\":").append(42.5 + i % 17).append('}');
    }
    return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public Object parse() {
    return parser.parse(body);
  }
}
