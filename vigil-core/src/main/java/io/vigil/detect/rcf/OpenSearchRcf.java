package io.vigil.detect.rcf;

import io.vigil.detect.DetectorDescriptor;
import com.amazon.randomcutforest.config.ForestMode;
import com.amazon.randomcutforest.config.ImputationMethod;
import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import io.vigil.detect.AbstractStreamingDetector;
import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Random Cut Forest exactly as OpenSearch Anomaly Detection runs it on one feature: the
 * library's ThresholdedRandomCutForest built with the settings of OpenSearch's cold start
 * (opensearch-project/anomaly-detection, {@code ModelColdStart}): shingles of 8 made inside
 * the forest, 50 trees of 256 samples, time decay and transform decay 1/2560, output after 32
 * points, initial accept fraction 32/256, the NORMALIZE transform,
 * {@code autoAdjust}, {@code alertOnce}, an anomaly rate of 0.005, and streaming imputation
 * of missed steps with the previous value. Timestamps are given in seconds, as OpenSearch
 * gives them. (OpenSearch also asks for a compact 32-bit forest; in RCF 4.4 every forest is
 * one, and those settings are deprecated.)
 *
 * <p>Its score and probability are both the forest's <em>anomaly grade</em> (0 for most
 * points, up to 1), the figure OpenSearch reports and alerts on. It is Vigil's reference peer
 * in {@code vigil bench}, and a detector anyone can choose to compare with OpenSearch on their
 * own data; at about 15,000 points/s and 200 KB a series it is not a default.
 */
public final class OpenSearchRcf extends AbstractStreamingDetector {
  /** The algorithm name. */
  public static final String ALGORITHM = "rcf-opensearch";
  /** The snapshot layout version. */
  public static final int STATE_VERSION = 1;
  /** The algorithm as the catalogue lists it. */
  public static final DetectorDescriptor DESCRIPTOR = DetectorDescriptor.simple(ALGORITHM,
      "Random Cut Forest exactly as OpenSearch Anomaly Detection runs it (its anomaly grade)",
      OpenSearchRcf::new, STATE_VERSION, (in, nested) -> read(in));
  private static final int SHINGLE = 8;
  private static final int TREES = 50;
  private static final int SAMPLES = 256;
  private static final int MIN_SAMPLES = 32;
  private static final double TIME_DECAY = 1.0 / 2560;
  private static final double ANOMALY_RATE = 0.005;
  private static final long SEED = 42;

  private final ThresholdedRandomCutForest forest;
  private long lastSecond = Long.MIN_VALUE;

  /** A forest configured as OpenSearch configures one. */
  public OpenSearchRcf() {
    this(ThresholdedRandomCutForest.builder()
        .dimensions(SHINGLE)
        .shingleSize(SHINGLE)
        .internalShinglingEnabled(true)
        .numberOfTrees(TREES)
        .sampleSize(SAMPLES)
        .timeDecay(TIME_DECAY)
        .transformDecay(TIME_DECAY)
        .outputAfter(Math.max(SHINGLE, MIN_SAMPLES))
        .initialAcceptFraction((double) MIN_SAMPLES / SAMPLES)
        .parallelExecutionEnabled(false)
        .anomalyRate(ANOMALY_RATE)
        .transformMethod(TransformMethod.NORMALIZE)
        .alertOnce(true)
        .autoAdjust(true)
        .forestMode(ForestMode.STREAMING_IMPUTE)
        .imputationMethod(ImputationMethod.PREVIOUS)
        .randomSeed(SEED)
        .build());
  }

  private OpenSearchRcf(ThresholdedRandomCutForest forest) {
    this.forest = forest;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  protected Assessment assess(long timestampMs, double value) {
    // OpenSearch aggregates one value per interval, so its forest never sees two points at
    // one time; a repeated second is moved one on, as the next interval would be.
    long second = Math.max(Math.floorDiv(timestampMs, 1000), lastSecond == Long.MIN_VALUE
        ? Long.MIN_VALUE : lastSecond + 1);
    lastSecond = second;
    AnomalyDescriptor d = forest.process(new double[] {value}, second);
    double grade = d.getAnomalyGrade();
    if (d.getRCFScore() <= 0) {
      return Assessment.warmingUp(Double.NaN);
    }
    double expected = ForestStates.expectedValue(d);
    return new Assessment(Assessment.Status.SCORED, grade, Math.min(1, Math.max(0, grade)),
        expected, Double.NaN, Double.NaN, Direction.of(value, expected));
  }

  @Override
  protected int stateVersion() {
    return STATE_VERSION;
  }

  @Override
  protected void writeState(DataOutput out) throws IOException {
    ForestStates.write(forest, out);
    out.writeLong(lastSecond);
  }

  /** Reads what {@link #writeState} wrote. */
  public static OpenSearchRcf read(DataInput in) throws IOException {
    OpenSearchRcf d = new OpenSearchRcf(ForestStates.read(in, SEED));
    d.lastSecond = in.readLong();
    return d;
  }
}
