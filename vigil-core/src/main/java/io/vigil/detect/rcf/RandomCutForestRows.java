package io.vigil.detect.rcf;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.returntypes.DiVector;
import io.vigil.detect.AbstractBatchDetector;
import io.vigil.detect.BatchDetector;
import io.vigil.feature.Standardisation;
import io.vigil.series.Dataset;
import java.util.List;

/**
 * Amazon's Random Cut Forest (randomcutforest-core) over whole rows: one point per row, one
 * dimension per feature, fitted by streaming the standardised training rows through a forest
 * without time decay, so each tree keeps a uniform sample of the whole training period.
 *
 * <p>Score: the forest's anomaly score (the expected change in tree complexity, "collusive
 * displacement", that inserting the row would cause); about 1 or below for ordinary rows.
 * Contributions: the forest's own attribution, the high and low parts of each dimension
 * added, which sum to the score. Features are standardised first because a random cut picks
 * a dimension in proportion to its range.
 *
 * <p>The library's forest caches bounding boxes while it scores, so scoring is serialised
 * here to keep the detector safe to share between threads.
 */
public final class RandomCutForestRows extends AbstractBatchDetector {

  /** Name in model files and on the command line. */
  public static final String ALGORITHM = "rcf";
  private static final int TREES = 50;
  private static final int SAMPLES = 256;

  private final Standardisation standardisation;
  private final RandomCutForest forest;

  private RandomCutForestRows(List<String> featureNames, Standardisation standardisation,
      RandomCutForest forest) {
    super(ALGORITHM, featureNames);
    this.standardisation = standardisation;
    this.forest = forest;
  }

  /** Streams {@code data}'s rows into a forest of 50 trees of 256 samples (labels ignored). */
  public static RandomCutForestRows fit(Dataset data, long seed) {
    if (data.size() < 2) {
      throw new IllegalArgumentException(data.source() + ": a random cut forest needs at least"
          + " 2 training rows");
    }
    Standardisation standardisation = Standardisation.fit(data.rows());
    RandomCutForest forest = RandomCutForest.builder()
        .dimensions(data.dimension())
        .numberOfTrees(TREES)
        .sampleSize(SAMPLES)
        .timeDecay(0.0)
        .outputAfter(1)
        .randomSeed(seed)
        .build();
    for (double[] row : data.rows()) {
      forest.update(toFloats(standardisation.apply(row)));
    }
    return new RandomCutForestRows(data.featureNames(), standardisation, forest);
  }

  @Override
  public synchronized double score(double[] row) {
    checkRow(row);
    return forest.getAnomalyScore(toFloats(standardisation.apply(row)));
  }

  @Override
  public synchronized double[] contributions(double[] row) {
    checkRow(row);
    DiVector attribution = forest.getAnomalyAttribution(toFloats(standardisation.apply(row)));
    double[] out = new double[featureNames().size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = attribution.getHighLowSum(j);
    }
    return out;
  }

  /** The forest stores points as floats; standardised values lose nothing that matters. */
  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int j = 0; j < values.length; j++) {
      out[j] = (float) values[j];
    }
    return out;
  }
}
