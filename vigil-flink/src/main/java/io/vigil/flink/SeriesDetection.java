package io.vigil.flink;

import io.vigil.detect.Assessment;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.catalog.StreamingDetectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Streaming detection of one series per key, as the service does it: a new series gets the
 * detector its rules choose; each point is judged, then learnt. The detector and the last
 * timestamp are Flink keyed state, so checkpoints, restarts and rescaling carry them. A point
 * not after the series' last one (a redelivery, or out of order) is skipped, as the service
 * skips it, and counted in the metric {@code vigil_points_skipped}.
 *
 * <p>With the service's registry ({@link RegistryChampions}), a series whose champion in the
 * registry differs from the version it is judged by switches to the champion's trained state
 * at its next point: a model promoted (or rolled back) in the service reaches the job within
 * the refresh interval. Without one, each series keeps the detector its rules chose.
 */
public final class SeriesDetection extends KeyedProcessFunction<String, MetricPoint, Assessed> {
  private static final long serialVersionUID = 1L;

  private final DetectorChoice choice;
  private final RegistryChampions champions;
  private transient ValueState<StreamingDetector> detector;
  /** The registry version the series is judged by (none: its rules' detector). */
  private transient ValueState<Long> modelVersion;
  /** The spec of the detector judging the series, as the service names it. */
  private transient ValueState<String> spec;
  private transient ValueState<Long> lastTimestamp;
  private transient Counter skipped;

  public SeriesDetection(DetectorChoice choice, RegistryChampions champions) {
    this.choice = choice;
    this.champions = champions;
  }

  @Override
  public void open(OpenContext context) {
    detector = getRuntimeContext().getState(new ValueStateDescriptor<>("detector",
        DetectorSerializer.INSTANCE));
    lastTimestamp = getRuntimeContext().getState(new ValueStateDescriptor<>("last-timestamp",
        LongSerializer.INSTANCE));
    modelVersion = getRuntimeContext().getState(new ValueStateDescriptor<>("model-version",
        LongSerializer.INSTANCE));
    spec = getRuntimeContext().getState(new ValueStateDescriptor<>("detector-spec",
        StringSerializer.INSTANCE));
    skipped = getRuntimeContext().getMetricGroup().counter("vigil_points_skipped");
  }

  @Override
  public void close() {
    if (champions != null) {
      champions.close();
    }
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
    Long version = modelVersion.value();
    if (champions != null) {
      var champion = champions.of(p.series, System.currentTimeMillis());
      if (champion.isPresent() && !Long.valueOf(champion.get().versionId()).equals(version)) {
        d = StreamingDetectors.restore(champion.get().state());
        version = champion.get().versionId();
        modelVersion.update(version);
        spec.update(champion.get().spec());
      }
    }
    if (d == null) {
      String chosen = choice.detectorFor(p.seriesKey());
      d = DetectorSpec.parse(chosen).create();
      spec.update(chosen);
    }
    Assessment a = d.process(p.timestampMs, p.value);
    detector.update(d);
    lastTimestamp.update(p.timestampMs);
    out.collect(new Assessed(p, a, spec.value(), version == null ? 0 : version));
  }
}
