package io.vigil.eval.multivariate;

import io.vigil.detect.BatchDetector;
import io.vigil.detect.SequentialDetector;
import io.vigil.detect.gaussian.StreamingMultivariateGaussian;
import io.vigil.detect.multi.MultivariateDetectors;
import io.vigil.eval.AveragePrecision;
import io.vigil.eval.ScoreRanking;
import io.vigil.series.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * Fits each detector on every pair's training rows, scores the test rows, and reports the
 * threshold-free figures ({@link ScoreRanking}, {@link AveragePrecision}) with the fit and
 * score speed. Figures are means over files, every file weighing the same; speeds are one
 * pass on one thread, JIT warm-up included, so take them as orders of magnitude.
 *
 * <p>The streaming Gaussian ({@value StreamingMultivariateGaussian#ALGORITHM}) is run as it
 * runs live: it learns the training rows one by one, then scores each test row and learns it
 * too, so its figures say what keeping on learning through the test period costs or gains.
 * A batch detector whose judgement depends on the rows before ({@link SequentialDetector}:
 * the default ensemble, k-NN and the range, which learn each row once {@value
 * SequentialDetector#LEARN_AFTER} later rows have been scored) reads the test rows in one pass,
 * in order, as it would live.
 */
public final class MultivariateBenchmark {
  /**
   * Every detector the benchmark knows: the built-in batch ones, the streaming Gaussian, then
   * plug-ins'.
   */
  public static List<String> detectors() {
    List<String> all = new java.util.ArrayList<>(MultivariateDetectors.ALGORITHMS);
    all.add(StreamingMultivariateGaussian.ALGORITHM);
    all.addAll(MultivariateDetectors.names().subList(MultivariateDetectors.ALGORITHMS.size(),
        MultivariateDetectors.names().size()));
    return List.copyOf(all);
  }

  /** One detector on one pair. Speeds are rows per second of wall time, one thread. */
  public record FileResult(String file, int trainRows, int testRows, int features, int events,
      double rocAuc, double prAuc, double f1, double eventF1,
      double fitRowsPerSecond, double scoreRowsPerSecond) {}

  /** Means over files of the figures; speeds are all rows over all time. */
  public record Mean(double rocAuc, double prAuc, double f1, double eventF1,
      double fitRowsPerSecond, double scoreRowsPerSecond) {}

  /** One detector over every pair. */
  public record DetectorResult(String name, Mean mean, List<FileResult> files) {}

  private final long seed;

  /** @param seed seeds the randomised detectors */
  public MultivariateBenchmark(long seed) {
    this.seed = seed;
  }

  /** Runs every detector in {@code algorithms}, in that order, over every pair. */
  public List<DetectorResult> run(List<String> algorithms, List<LabelledPair> pairs) {
    List<DetectorResult> out = new ArrayList<>();
    for (String algorithm : algorithms) {
      List<FileResult> files = new ArrayList<>();
      for (LabelledPair pair : pairs) {
        files.add(run(algorithm, pair));
      }
      out.add(new DetectorResult(algorithm, mean(files), List.copyOf(files)));
    }
    return out;
  }

  /** One detector on one pair. */
  public FileResult run(String algorithm, LabelledPair pair) {
    if (algorithm.equals(StreamingMultivariateGaussian.ALGORITHM)) {
      return runStreaming(pair);
    }
    long start = System.nanoTime();
    BatchDetector detector = MultivariateDetectors.fit(algorithm, pair.train(), seed);
    long fitted = System.nanoTime();
    Dataset test = pair.test();
    double[] scores = SequentialDetector.scoreInOrder(detector, test.rows());
    long scored = System.nanoTime();
    return result(pair, scores, fitted - start, scored - fitted);
  }

  /** Learns the training rows in order, then scores and learns each test row. */
  private static FileResult runStreaming(LabelledPair pair) {
    long start = System.nanoTime();
    var detector = StreamingMultivariateGaussian.of(pair.train().featureNames());
    long t = 0;
    for (double[] row : pair.train().rows()) {
      detector.process(t++, row);
    }
    long fitted = System.nanoTime();
    Dataset test = pair.test();
    double[] scores = new double[test.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = detector.process(t++, test.rows()[i]).score();
    }
    long scored = System.nanoTime();
    return result(pair, scores, fitted - start, scored - fitted);
  }

  private static FileResult result(LabelledPair pair, double[] scores, long fitNanos,
      long scoreNanos) {
    Dataset test = pair.test();
    ScoreRanking ranking = new ScoreRanking(scores, test.labels());
    return new FileResult(pair.name(), pair.train().size(), test.size(), test.dimension(),
        ranking.eventCount(), ranking.rocAuc(), AveragePrecision.of(scores, test.labels()),
        ranking.bestF1(), ranking.bestEventF1(),
        perSecond(pair.train().size(), fitNanos), perSecond(test.size(), scoreNanos));
  }

  private static double perSecond(int rows, long nanos) {
    return rows / Math.max(1e-9, nanos / 1e9);
  }

  private static Mean mean(List<FileResult> files) {
    double n = files.size();
    return new Mean(
        files.stream().mapToDouble(FileResult::rocAuc).sum() / n,
        files.stream().mapToDouble(FileResult::prAuc).sum() / n,
        files.stream().mapToDouble(FileResult::f1).sum() / n,
        files.stream().mapToDouble(FileResult::eventF1).sum() / n,
        overall(files, FileResult::trainRows, FileResult::fitRowsPerSecond),
        overall(files, FileResult::testRows, FileResult::scoreRowsPerSecond));
  }

  /** All rows over all seconds, so small files with a cold start do not skew the rate. */
  private static double overall(List<FileResult> files, ToIntFunction<FileResult> rows,
      ToDoubleFunction<FileResult> rate) {
    double totalRows = 0;
    double seconds = 0;
    for (FileResult f : files) {
      totalRows += rows.applyAsInt(f);
      seconds += rows.applyAsInt(f) / rate.applyAsDouble(f);
    }
    return totalRows / seconds;
  }
}
