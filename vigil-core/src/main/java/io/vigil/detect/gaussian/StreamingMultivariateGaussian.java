package io.vigil.detect.gaussian;

import io.vigil.detect.Assessment;
import io.vigil.detect.DetectorState;
import io.vigil.detect.RowAssessment;
import io.vigil.detect.ScoreCalibrator;
import io.vigil.detect.StreamingRowDetector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * The seed study's multivariate Gaussian, learnt one row at a time: each row is scored against
 * the mean and covariance of the rows before it, then added to them.
 *
 * <p>Mean and covariance are exponentially weighted with a half-life in rows (a row's weight
 * halves every {@code halfLife} rows, so the model follows a fleet's slow drift), updated by
 * West's (1979) weighted incremental formulas: {@code W ← λW + 1; δ = x − μ; μ ← μ + δ/W;
 * S ← λS + δ(x − μ)ᵀ} (with the new μ), covariance {@code S/W}. With an infinite half-life these are the
 * maximum-likelihood estimates of the batch fit, to rounding.
 *
 * <p>Scoring uses the batch detector's own arithmetic ({@link MultivariateGaussian#shrunk},
 * shrinkage {@value #SHRINKAGE}, as the batch detectors use), so the score is the squared
 * Mahalanobis distance of the row and the contributions split it by feature. The probability
 * is calibrated against the detector's recent scores ({@link ScoreCalibrator}), not read from
 * the χ² law, because real metrics have heavier tails than a Gaussian's.
 *
 * <p>A row far out is learnt at the edge of the normal region: the row is pulled towards the
 * mean to the Mahalanobis radius at which the χ² tail is {@value #LEARN_TAIL}, so one wild
 * row does not inflate the covariance for a whole half-life, while a lasting change is still
 * learnt, a little per row.
 */
public final class StreamingMultivariateGaussian implements StreamingRowDetector {
  /** The algorithm's name. */
  public static final String ALGORITHM = "streaming-gaussian";
  /** Half-life of a row's weight, in rows, by default (a week of 5-minute rows is 2016). */
  public static final double DEFAULT_HALF_LIFE = 10_000;
  static final double SHRINKAGE = 1e-6;
  static final double LEARN_TAIL = 1e-4;
  private static final int STATE_VERSION = 1;
  private static final int CALIBRATION_HALF_LIFE = 3000;
  private static final int CALIBRATION_WARM_UP = 50;

  private final List<String> featureNames;
  private final double halfLife;
  private final double decay;
  private final int warmUp;
  private final double learnRadius;
  private final ScoreCalibrator calibrator =
      new ScoreCalibrator(CALIBRATION_HALF_LIFE, CALIBRATION_WARM_UP);
  private final double[] mean;
  private final double[][] scatter;
  private double weight;
  private long learnt;
  private long newestTimestamp = Long.MIN_VALUE;

  /**
   * @param halfLife rows after which a row's weight has halved; {@code
   *     Double.POSITIVE_INFINITY} never forgets
   * @param warmUp rows to learn before scoring; at least one more than the features
   */
  public StreamingMultivariateGaussian(List<String> featureNames, double halfLife, int warmUp) {
    this.featureNames = List.copyOf(featureNames);
    int d = this.featureNames.size();
    if (d == 0) {
      throw new IllegalArgumentException("a row needs at least one feature");
    }
    if (!(halfLife >= 1)) {
      throw new IllegalArgumentException("halfLife must be at least 1 row, was " + halfLife);
    }
    if (warmUp <= d) {
      throw new IllegalArgumentException("warmUp must exceed the " + d + " features, was "
          + warmUp);
    }
    this.halfLife = halfLife;
    this.decay = Math.pow(0.5, 1 / halfLife);
    this.warmUp = warmUp;
    this.learnRadius = Math.sqrt(
        new ChiSquaredDistribution(d).inverseCumulativeProbability(1 - LEARN_TAIL));
    this.mean = new double[d];
    this.scatter = new double[d][d];
  }

  /** The default: half-life {@value #DEFAULT_HALF_LIFE} rows, warm-up max(30, 3 per feature). */
  public static StreamingMultivariateGaussian of(List<String> featureNames) {
    return new StreamingMultivariateGaussian(featureNames, DEFAULT_HALF_LIFE,
        Math.max(30, 3 * featureNames.size()));
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  public List<String> featureNames() {
    return featureNames;
  }

  @Override
  public RowAssessment process(long timestampMs, double[] row) {
    if (row.length != mean.length) {
      throw new IllegalArgumentException("expected " + mean.length + " values ("
          + String.join(", ", featureNames) + ") but the row has " + row.length);
    }
    for (double v : row) {
      if (!Double.isFinite(v)) {
        return RowAssessment.unscored(Assessment.Status.SKIPPED_NOT_FINITE);
      }
    }
    if (timestampMs < newestTimestamp) {
      return RowAssessment.unscored(Assessment.Status.SKIPPED_OUT_OF_ORDER);
    }
    newestTimestamp = timestampMs;
    if (learnt < warmUp) {
      learn(row);
      return RowAssessment.unscored(Assessment.Status.WARMING_UP);
    }
    double[] contributions = model().contributions(row);
    double distance2 = 0;
    for (double c : contributions) {
      distance2 += c; // the contributions split the squared distance exactly
    }
    distance2 = Math.max(0, distance2);
    double probability = calibrator.observe(distance2);
    double distance = Math.sqrt(distance2);
    if (distance > learnRadius) {
      double[] pulled = new double[row.length];
      for (int j = 0; j < row.length; j++) {
        pulled[j] = mean[j] + (row[j] - mean[j]) * learnRadius / distance;
      }
      learn(pulled);
    } else {
      learn(row);
    }
    return new RowAssessment(Assessment.Status.SCORED, distance2, probability, contributions);
  }

  /** The Gaussian the next row will be scored against (after warm-up). */
  public MultivariateGaussian model() {
    int d = mean.length;
    double[][] covariance = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        covariance[i][j] = scatter[i][j] / weight;
      }
    }
    return MultivariateGaussian.shrunk(featureNames, mean, covariance, SHRINKAGE);
  }

  /** Rows learnt so far. */
  public long learnt() {
    return learnt;
  }

  private void learn(double[] row) {
    int d = mean.length;
    weight = decay * weight + 1;
    double[] delta = new double[d];
    for (int j = 0; j < d; j++) {
      delta[j] = row[j] - mean[j];
      mean[j] += delta[j] / weight;
    }
    // δᵢ(xⱼ − μ'ⱼ) = (1 − 1/W)·δᵢδⱼ: written symmetrically so S stays exactly symmetric.
    double shrink = 1 - 1 / weight;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = decay * scatter[i][j] + shrink * delta[i] * delta[j];
        scatter[i][j] = s;
        scatter[j][i] = s;
      }
    }
    learnt++;
  }

  @Override
  public DetectorState snapshot() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(featureNames.size());
      for (String f : featureNames) {
        out.writeUTF(f);
      }
      out.writeDouble(halfLife);
      out.writeInt(warmUp);
      out.writeLong(newestTimestamp);
      out.writeLong(learnt);
      out.writeDouble(weight);
      for (int i = 0; i < mean.length; i++) {
        out.writeDouble(mean[i]);
        for (double s : scatter[i]) {
          out.writeDouble(s);
        }
      }
      calibrator.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return new DetectorState(ALGORITHM, STATE_VERSION, bytes.toByteArray());
  }

  /**
   * The detector {@code state} was taken from, continuing exactly where it was.
   *
   * @throws IllegalArgumentException for another algorithm's state or an unknown version
   */
  public static StreamingMultivariateGaussian restore(DetectorState state) {
    if (!state.algorithm().equals(ALGORITHM) || state.formatVersion() != STATE_VERSION) {
      throw new IllegalArgumentException("not a " + ALGORITHM + " state of version "
          + STATE_VERSION + ": " + state);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.bytes()))) {
      int d = in.readInt();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < d; i++) {
        names.add(in.readUTF());
      }
      StreamingMultivariateGaussian g =
          new StreamingMultivariateGaussian(names, in.readDouble(), in.readInt());
      g.newestTimestamp = in.readLong();
      g.learnt = in.readLong();
      g.weight = in.readDouble();
      for (int i = 0; i < d; i++) {
        g.mean[i] = in.readDouble();
        for (int j = 0; j < d; j++) {
          g.scatter[i][j] = in.readDouble();
        }
      }
      g.calibrator.read(in);
      return g;
    } catch (IOException e) {
      throw new IllegalArgumentException("a " + ALGORITHM + " state is truncated: " + e, e);
    }
  }
}
