package io.vigil.detect.rcf;

import io.vigil.detect.DetectorDescriptor;
import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import io.vigil.detect.AbstractStreamingDetector;
import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import io.vigil.detect.ScoreCalibrator;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Amazon's Random Cut Forest (randomcutforest-parkservices, ThresholdedRandomCutForest) over
 * shingles of the last 8 points, configured as OpenSearch Anomaly Detection runs it: 50 trees
 * of 256 samples, values normalised. The raw score is the forest's RCF score (how much a
 * point's shingle would change the trees); the probability is that score calibrated against
 * the series' recent scores like every Vigil detector. The expected value is the forest's own
 * estimate when it flags a point, otherwise unknown.
 *
 * <p>This is Vigil's use of the forest (its score, calibrated); {@link OpenSearchRcf} is the
 * forest exactly as OpenSearch runs it, anomaly grade and all.
 */
public final class RandomCutForestDetector extends AbstractStreamingDetector {
  /** The algorithm name. */
  public static final String ALGORITHM = "rcf";
  /** The snapshot layout version. */
  public static final int STATE_VERSION = 1;
  /** The algorithm as the catalogue lists it. */
  public static final DetectorDescriptor DESCRIPTOR = DetectorDescriptor.simple(ALGORITHM,
      "Random Cut Forest on 8-point shingles, its score calibrated like Vigil's detectors",
      RandomCutForestDetector::new, STATE_VERSION, (in, nested) -> read(in));
  private static final int SHINGLE = 8;
  private static final int TREES = 50;
  private static final int SAMPLES = 256;
  private static final long SEED = 42;

  private final ThresholdedRandomCutForest forest;
  private final ScoreCalibrator calibrator = new ScoreCalibrator(1000, 50);

  /** A forest with the defaults above. */
  public RandomCutForestDetector() {
    this(ThresholdedRandomCutForest.builder()
        .dimensions(SHINGLE)
        .shingleSize(SHINGLE)
        .internalShinglingEnabled(true)
        .numberOfTrees(TREES)
        .sampleSize(SAMPLES)
        .transformMethod(TransformMethod.NORMALIZE)
        .randomSeed(SEED)
        .build());
  }

  private RandomCutForestDetector(ThresholdedRandomCutForest forest) {
    this.forest = forest;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  protected Assessment assess(long timestampMs, double value) {
    AnomalyDescriptor d = forest.process(new double[] {value}, timestampMs);
    double score = d.getRCFScore();
    if (score <= 0) {
      return Assessment.warmingUp(Double.NaN);
    }
    double expected = ForestStates.expectedValue(d);
    return new Assessment(Assessment.Status.SCORED, score, calibrator.observe(score), expected,
        Double.NaN, Double.NaN, Direction.of(value, expected));
  }

  @Override
  protected int stateVersion() {
    return STATE_VERSION;
  }

  @Override
  protected void writeState(DataOutput out) throws IOException {
    ForestStates.write(forest, out);
    calibrator.write(out);
  }

  /** Reads what {@link #writeState} wrote. */
  public static RandomCutForestDetector read(DataInput in) throws IOException {
    RandomCutForestDetector d = new RandomCutForestDetector(ForestStates.read(in, SEED));
    d.calibrator.read(in);
    return d;
  }
}
