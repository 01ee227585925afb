package io.vigil.eval.nab;

import java.util.Arrays;
import java.util.List;

/**
 * NAB v1.1 scoring, as {@code datasets/nab/SCORING.md} states it: row weights from the scaled
 * sigmoid, one global threshold per profile chosen in-sample among every distinct score, and
 * normalisation between the null and the perfect detector.
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

  /** NAB's scaled sigmoid: 2/(1+e^{5y}) − 1, and −1 beyond y = 3. */
  static double scaledSigmoid(double y) {
    if (y > 3.0) {
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
    int windowCount = 0;
    int rows = 0;
    for (int f = 0; f < files.size(); f++) {
      NabFile file = files.get(f);
      if (scores.get(f).length != file.series().size()) {
        throw new IllegalArgumentException(file.key() + ": " + scores.get(f).length
            + " scores for " + file.series().size() + " rows");
      }
      windowCount += file.windows().size();
      rows += file.series().size() - file.probation();
    }
    // Every scored row: its score, its weight, and its window (global index) or -1.
    double[] rowScore = new double[rows];
    double[] rowWeight = new double[rows];
    int[] rowWindow = new int[rows];
    int r = 0;
    int windowBase = 0;
    for (int f = 0; f < files.size(); f++) {
      NabFile file = files.get(f);
      double[] s = scores.get(f);
      int[] windowOf = windowOfRow(file);
      for (int i = file.probation(); i < s.length; i++) {
        if (Double.isNaN(s[i])) {
          throw new IllegalArgumentException(file.key() + ": row " + i + " has a NaN score");
        }
        rowScore[r] = s[i];
        rowWeight[r] = weight(file, windowOf, i, profile);
        rowWindow[r] = windowOf[i] < 0 ? -1 : windowBase + windowOf[i];
        r++;
      }
      windowBase += file.windows().size();
    }
    Integer[] order = new Integer[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(rowScore[b], rowScore[a]));

    double[] windowBest = new double[windowCount];
    Arrays.fill(windowBest, Double.NaN); // NaN: not yet detected
    double misses = -profile.fnWeight() * windowCount;
    double detectedWindows = 0; // sum of windowBest over detected windows
    double falsePositives = 0;
    int found = 0;
    long fpRows = 0;
    double best = misses;
    double bestThreshold = NO_DETECTION;
    int bestFound = 0;
    long bestFpRows = 0;
    int k = 0;
    while (k < rows) {
      double theta = rowScore[order[k]];
      while (k < rows && rowScore[order[k]] == theta) {
        int i = order[k++];
        int w = rowWindow[i];
        if (w < 0) {
          falsePositives += rowWeight[i];
          fpRows++;
        } else if (Double.isNaN(windowBest[w])) {
          windowBest[w] = rowWeight[i];
          detectedWindows += rowWeight[i];
          misses += profile.fnWeight();
          found++;
        } else if (rowWeight[i] > windowBest[w]) {
          detectedWindows += rowWeight[i] - windowBest[w];
          windowBest[w] = rowWeight[i];
        }
      }
      double total = misses + detectedWindows + falsePositives;
      if (total > best) { // strict: on a tie the higher threshold, met first, stays
        best = total;
        bestThreshold = theta;
        bestFound = found;
        bestFpRows = fpRows;
      }
    }
    double perfect = profile.tpWeight() * windowCount;
    double nul = -profile.fnWeight() * windowCount;
    double normalized = windowCount == 0 ? 0.0 : 100.0 * (best - nul) / (perfect - nul);
    return new NabScore(profile, bestThreshold, best, normalized, bestFound, windowCount,
        bestFpRows);
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
