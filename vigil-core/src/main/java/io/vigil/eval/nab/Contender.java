package io.vigil.eval.nab;

import io.vigil.detect.Assessment;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.gaussian.WindowedGaussian;
import io.vigil.detect.rcf.OpenSearchRcf;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * A detector as an accuracy benchmark runs it: how to make one per series, which figure of
 * its assessments is its anomaly score, and the score from which it raises an alarm in
 * practice (its operating threshold, for false alarms per 1,000 points).
 *
 * @param name how tables name it
 * @param peer whether it is a reference Vigil is measured against rather than Vigil's own
 * @param factory a fresh detector per series
 * @param score the anomaly score of an assessment (higher is more anomalous)
 * @param alarmAt the operating threshold: a score at or above it is an alarm
 */
public record Contender(String name, boolean peer, Supplier<StreamingDetector> factory,
    ToDoubleFunction<Assessment> score, double alarmAt) {

  /** Vigil's operating threshold: the service's default {@code anomalyProbability}. */
  public static final double VIGIL_ALARM_PROBABILITY =
      Assessment.ALARM_PROBABILITY;
  /** The classic z-score alarm. */
  public static final double Z_ALARM = 3.0;
  /** The z-score peer's window, in points. */
  public static final int Z_WINDOW = 1000;

  /** A Vigil detector by its spec ({@code default}, {@code rarity}, ...): its probability. */
  public static Contender vigil(String spec) {
    DetectorSpec parsed = DetectorSpec.parse(spec);
    return new Contender(spec, false, parsed::create, Assessment::probability,
        VIGIL_ALARM_PROBABILITY);
  }

  /**
   * The plain causal z-score: |x − mean| / standard deviation of the previous 1,000 points,
   * raw (uncalibrated), alarm from 3.
   */
  public static Contender zScore() {
    return new Contender("z-score", true, () -> new WindowedGaussian(Z_WINDOW),
        Assessment::score, Z_ALARM);
  }

  /** Random Cut Forest as OpenSearch runs it; its anomaly grade, alarm above 0. */
  public static Contender openSearchRcf() {
    return new Contender("rcf-opensearch", true, OpenSearchRcf::new, Assessment::score,
        Math.nextUp(0.0));
  }
}
