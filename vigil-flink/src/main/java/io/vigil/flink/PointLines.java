package io.vigil.flink;

import io.vigil.server.api.PointBatchParser;
import io.vigil.server.engine.IncomingPoint;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Lines of text into points: each line one point object or one batch array, exactly as
 * {@code POST /api/v1/points} takes them (the service's own parser). A line with a problem
 * goes whole to the side output {@link #REJECTED} with the problems named, and the job goes
 * on; nothing of it is judged.
 */
public final class PointLines extends ProcessFunction<String, MetricPoint> {
  private static final long serialVersionUID = 1L;
  /** Lines refused, each as "problem: line". */
  public static final OutputTag<String> REJECTED = new OutputTag<>("rejected") {};
  /** The most points one line may hold. */
  static final int MAX_POINTS_PER_LINE = 100_000;

  private transient PointBatchParser parser;

  @Override
  public void processElement(String line, Context context, Collector<MetricPoint> out) {
    String text = line.strip();
    if (text.isEmpty()) {
      return;
    }
    if (parser == null) {
      parser = new PointBatchParser(MAX_POINTS_PER_LINE);
    }
    String batch = text.startsWith("{") ? "[" + text + "]" : text;
    try {
      for (IncomingPoint p : parser.parse(batch.getBytes(StandardCharsets.UTF_8))) {
        out.collect(new MetricPoint(p.key(), p.timestampMs(), p.value()));
      }
    } catch (RuntimeException e) {
      context.output(REJECTED, e.getMessage() + ": " + (text.length() > 200
          ? text.substring(0, 200) + "..." : text));
    }
  }
}
