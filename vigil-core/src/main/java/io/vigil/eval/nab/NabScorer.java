package io.vigil.eval.nab;

import java.util.Arrays;
import java.util.List;

/**
 * NAB v1.1 scoring, as {@code datasets/nab/SCORING.md} states it: row weights from the scaled
 * sigmoid, one global threshold per profile chosen in-sample among every distinct score, and
 * normalisation between the null and the perfect detector, following NAB's own code where the
 * rules leave a case open ({@code nab/sweeper.py}, {@code nab/runner.py}): a window that lies
 * wholly in a file's probationary period is neither found nor missed in the raw score, yet
 * counts in the perfect score; the null score is NAB's null detector (a constant) swept like
 * any other. On NAB itself no window lies in a probationary period and the null detector finds
 * nothing, so this is 100·(S + fnW·windows)/((tpW + fnW)·windows) there.
 *
 * <p>NAB's own scorer recomputes the corpus score for each candidate threshold. Here the rows
 * of all files are sorted by score once and the threshold is lowered through them, updating
 * the score as each row becomes detected, so the sweep costs O(n log n) rather than O(n²).
 * Written by hand because NAB exists only as Python; checked against NAB's published numbers
 * in the tests.
 */
public final class NabScorer {
  /** The threshold that detects nothing. */
  public static final double NO_DETECTION = 1.1;
  private static final double A_MINUS_ONE = scaledSigmoid(-1.0);

  private NabScorer() {}

  /** NAB's scaled sigmoid: 2/(1+e^{5y}) − 1, and −1 from y = 3 (as NAB's sweeper has it). */
  static double scaledSigmoid(double y) {
    if (y >= 3.0) {
      return -1.0;
    }
    return 2.0 / (1.0 + Math.exp(5.0 * y)) - 1.0;
  }

  /**
   * Scores one detector on a corpus.
   *
   * @param files the corpus files
   * @param scores one array per file, one anomaly score per row, in row order
   */
  public static NabScore score(List<NabFile> files, List<double[]> scores, NabProfile profile) {
    if (files.size() != scores.size()) {
      throw new IllegalArgumentException("one score array per file is required");
    }
    for (int f = 0; f < files.size(); f++) {
      NabFile file = files.get(f);
      if (scores.get(f).length != file.series().size()) {
        throw new IllegalArgumentException(file.key() + ": " + scores.get(f).length
            + " scores for " + file.series().size() + " rows");
      }
      for (int i = file.probation(); i < scores.get(f).length; i++) {
        if (Double.isNaN(scores.get(f)[i])) {
          throw new IllegalArgumentException(file.key() + ": row " + i + " has a NaN score");
        }
      }
    }
    Rows rows = new Rows(files, scores, profile);
    Sweep best = rows.sweep();
    // NAB normalises by its null detector (one constant score) scored the same way, and by a
    // perfect score that counts every window of the labels, scorable or not.
    List<double[]> constant = files.stream().map(f -> new double[f.series().size()]).toList();
    double nul = new Rows(files, constant, profile).sweep().total;
    int windowCount = files.stream().mapToInt(f -> f.windows().size()).sum();
    double perfect = profile.tpWeight() * windowCount;
    double normalized = windowCount == 0 ? 0.0 : 100.0 * (best.total - nul) / (perfect - nul);
    return new NabScore(profile, best.threshold, best.total, normalized, best.found, windowCount,
        best.fpRows);
  }

  /** The best point of a threshold sweep. */
  private record Sweep(double threshold, double total, int found, long fpRows) {}

  /**
   * Every scored row of a corpus (those after each file's probation): its score, its weight,
   * and its window. A window none of whose rows is scored is left out altogether, as NAB's
   * sweeper leaves it out: it can be neither found nor missed.
   */
  private static final class Rows {
    final double[] score;
    final double[] weight;
    final int[] window; // index among scorable windows, or -1
    final int windows;
    final NabProfile profile;

    Rows(List<NabFile> files, List<double[]> scores, NabProfile profile) {
      this.profile = profile;
      int n = 0;
      for (NabFile file : files) {
        n += Math.max(0, file.series().size() - file.probation());
      }
      score = new double[n];
      weight = new double[n];
      window = new int[n];
      int r = 0;
      int base = 0;
      for (int f = 0; f < files.size(); f++) {
        NabFile file = files.get(f);
        double[] s = scores.get(f);
        int[] windowOf = windowOfRow(file);
        int[] scorable = new int[file.windows().size()];
        int count = 0;
        for (int w = 0; w < scorable.length; w++) {
          scorable[w] = file.windows().get(w).end() >= file.probation() ? count++ : -1;
        }
        for (int i = file.probation(); i < s.length; i++) {
          score[r] = s[i];
          weight[r] = weight(file, windowOf, i, profile);
          window[r] = windowOf[i] < 0 ? -1 : base + scorable[windowOf[i]];
          r++;
        }
        base += count;
      }
      windows = base;
    }

    /** Lowers the threshold through every distinct score, keeping the best corpus score. */
    Sweep sweep() {
      int rows = score.length;
      Integer[] order = new Integer[rows];
      for (int i = 0; i < rows; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
      double[] windowBest = new double[windows];
      Arrays.fill(windowBest, Double.NaN); // NaN: not yet detected
      double misses = -profile.fnWeight() * windows;
      double detectedWindows = 0; // sum of windowBest over detected windows
      double falsePositives = 0;
      int found = 0;
      long fpRows = 0;
      Sweep best = new Sweep(NO_DETECTION, misses, 0, 0);
      int k = 0;
      while (k < rows) {
        double theta = score[order[k]];
        while (k < rows && score[order[k]] == theta) {
          int i = order[k++];
          int w = window[i];
          if (w < 0) {
            falsePositives += weight[i];
            fpRows++;
          } else if (Double.isNaN(windowBest[w])) {
            windowBest[w] = weight[i];
            detectedWindows += weight[i];
            misses += profile.fnWeight();
            found++;
          } else if (weight[i] > windowBest[w]) {
            detectedWindows += weight[i] - windowBest[w];
            windowBest[w] = weight[i];
          }
        }
        double total = misses + detectedWindows + falsePositives;
        if (total > best.total) { // strict: on a tie the higher threshold, met first, stays
          best = new Sweep(theta, total, found, fpRows);
        }
      }
      return best;
    }
  }

  /** For each row, the index of the file's window that contains it, or -1. */
  private static int[] windowOfRow(NabFile file) {
    int[] out = new int[file.series().size()];
    Arrays.fill(out, -1);
    List<NabFile.Window> windows = file.windows();
    for (int w = 0; w < windows.size(); w++) {
      for (int i = windows.get(w).start(); i <= windows.get(w).end(); i++) {
        out[i] = w;
      }
    }
    return out;
  }

  private static double weight(NabFile file, int[] windowOf, int i, NabProfile profile) {
    List<NabFile.Window> windows = file.windows();
    if (windowOf[i] >= 0) {
      NabFile.Window w = windows.get(windowOf[i]);
      return profile.tpWeight() * scaledSigmoid(-(double) (w.end() - i + 1) / w.width())
          / A_MINUS_ONE;
    }
    NabFile.Window previous = null;
    for (NabFile.Window w : windows) {
      if (w.end() < i) {
        previous = w; // windows are in time order: the last one wins
      }
    }
    if (previous == null) {
      return -profile.fpWeight();
    }
    double y = (double) (i - previous.end()) / (previous.width() - 1);
    return profile.fpWeight() * scaledSigmoid(y);
  }
}
