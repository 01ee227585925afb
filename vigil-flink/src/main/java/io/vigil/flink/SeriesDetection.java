package io.vigil.flink;

import io.vigil.detect.Assessment;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.DetectorSpec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Streaming detection of one series per key, as the service does it: a new series gets the
 * detector its rules choose; each point is judged, then learnt. The detector and the last
 * timestamp are Flink keyed state, so checkpoints, restarts and rescaling carry them. A point
 * not after the series' last one (a redelivery, or out of order) is skipped, as the service
 * skips it, and counted in the metric {@code vigil_points_skipped}.
 */
public final class SeriesDetection extends KeyedProcessFunction<String, MetricPoint, Assessed> {
  private static final long serialVersionUID = 1L;

  private final DetectorChoice choice;
  private transient ValueState<StreamingDetector> detector;
  private transient ValueState<Long> lastTimestamp;
  private transient Counter skipped;

  public SeriesDetection(DetectorChoice choice) {
    this.choice = choice;
  }

  @Override
  public void open(OpenContext context) {
    detector = getRuntimeContext().getState(new ValueStateDescriptor<>("detector",
        DetectorSerializer.INSTANCE));
    lastTimestamp = getRuntimeContext().getState(new ValueStateDescriptor<>("last-timestamp",
        LongSerializer.INSTANCE));
    skipped = getRuntimeContext().getMetricGroup().counter("vigil_points_skipped");
  }

  @Override
  public void processElement(MetricPoint p, Context context, Collector<Assessed> out)
      throws Exception {
    Long last = lastTimestamp.value();
    if (last != null && p.timestampMs <= last) {
      skipped.inc();
      return;
    }
    StreamingDetector d = detector.value();
    if (d == null) {
      d = DetectorSpec.parse(choice.detectorFor(p.seriesKey())).create();
    }
    Assessment a = d.process(p.timestampMs, p.value);
    detector.update(d);
    lastTimestamp.update(p.timestampMs);
    out.collect(new Assessed(p, a, d.algorithm()));
  }
}
