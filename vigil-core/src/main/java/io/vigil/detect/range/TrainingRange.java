package io.vigil.detect.range;

import io.vigil.detect.AbstractBatchDetector;
import io.vigil.detect.SequentialDetector;
import io.vigil.series.Dataset;
import java.util.List;

/**
 * How far a row goes beyond the range each metric kept in training: about the simplest
 * detector there is. Sarfraz et al. ("Position: Quo Vadis, Unsupervised Time Series Anomaly
 * Detection?", ICML 2024) count a sensor leaving its training range among the simple baselines
 * that hold their own against published deep detectors once point adjustment is removed; here
 * it is graded by how far the metric went. It sees what a Gaussian misses by design: a row in
 * which every metric falls together far below anything training saw (an ingestion stopping)
 * lies along the direction in which the metrics normally move together, so its Mahalanobis
 * distance is modest, yet every metric is out of range.
 *
 * <p>Score: the sum over metrics of the distance beyond the training minimum or maximum, in
 * units of that metric's training range ({@code max − min}); 0 for a row within every range.
 * A metric constant in training is measured in units of its value's magnitude (1 when it
 * was 0). The sum in range units did best on average over the bundled sets; the largest
 * term, the squares, and standard-deviation or interquartile units were within 0.02 of mean
 * PR-AUC on each. Contributions: each metric's term.
 *
 * <p>Learning ({@link SequentialDetector}): a pass widens its own copy of each range to take in
 * the rows it learns; the units stay the training ranges, so a score means the same all pass.
 */
public final class TrainingRange extends AbstractBatchDetector implements SequentialDetector {

  /** Name on the command line. */
  public static final String ALGORITHM = "range";

  private final double[] min;
  private final double[] max;
  private final double[] unit;

  private TrainingRange(List<String> featureNames, double[] min, double[] max, double[] unit) {
    super(ALGORITHM, featureNames);
    this.min = min;
    this.max = max;
    this.unit = unit;
  }

  /** Each metric's minimum and maximum over {@code data}'s rows (labels ignored). */
  public static TrainingRange fit(Dataset data) {
    if (data.size() == 0) {
      throw new IllegalArgumentException(data.source() + ": a training range needs rows");
    }
    int d = data.dimension();
    double[] min = data.rows()[0].clone();
    double[] max = data.rows()[0].clone();
    for (double[] row : data.rows()) {
      for (int j = 0; j < d; j++) {
        min[j] = Math.min(min[j], row[j]);
        max[j] = Math.max(max[j], row[j]);
      }
    }
    return of(data.featureNames(), min, max);
  }

  /** What a model file keeps: each metric's training minimum and maximum. */
  public record State(double[] min, double[] max) {}

  /** This detector's {@link State}. */
  public State state() {
    return new State(min.clone(), max.clone());
  }

  /**
   * The detector a {@link State} describes.
   *
   * @throws IllegalArgumentException when the state does not fit {@code featureNames}
   */
  public static TrainingRange restore(List<String> featureNames, State state) {
    int d = featureNames.size();
    if (state.min().length != d || state.max().length != d) {
      throw new IllegalArgumentException("the range has " + state.min().length + " minima and "
          + state.max().length + " maxima for " + d + " features");
    }
    for (int j = 0; j < d; j++) {
      if (!(state.min()[j] <= state.max()[j])) {
        throw new IllegalArgumentException(featureNames.get(j) + ": minimum "
            + state.min()[j] + " is not at most maximum " + state.max()[j]);
      }
    }
    return of(featureNames, state.min().clone(), state.max().clone());
  }

  private static TrainingRange of(List<String> featureNames, double[] min, double[] max) {
    double[] unit = new double[min.length];
    for (int j = 0; j < min.length; j++) {
      double range = max[j] - min[j];
      unit[j] = range > 0 ? range : Math.max(Math.abs(min[j]), 1);
    }
    return new TrainingRange(featureNames, min, max, unit);
  }

  @Override
  public double score(double[] row) {
    return sumOfContributions(row);
  }

  @Override
  public double[] contributions(double[] row) {
    return beyond(row, min, max);
  }

  @Override
  public Pass pass() {
    double[] low = min.clone();
    double[] high = max.clone();
    return new Pass() {
      @Override
      public double score(double[] row) {
        double sum = 0;
        for (double c : beyond(row, low, high)) {
          sum += c;
        }
        return sum;
      }

      @Override
      public void learn(double[] row) {
        checkRow(row);
        for (int j = 0; j < row.length; j++) {
          low[j] = Math.min(low[j], row[j]);
          high[j] = Math.max(high[j], row[j]);
        }
      }
    };
  }

  /** Each metric's distance beyond [low, high], in training ranges. */
  private double[] beyond(double[] row, double[] low, double[] high) {
    checkRow(row);
    double[] out = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      out[j] = Math.max(0, Math.max(low[j] - row[j], row[j] - high[j])) / unit[j];
    }
    return out;
  }
}
