package io.vigil.model.series;

/**
 * A user's label on a stretch of a series: an incident (anomalous) or a stretch marked normal
 * (an alert that was a false positive).
 *
 * @param fromMs first timestamp covered
 * @param toMs last timestamp covered (inclusive)
 * @param anomalous true for an incident, false for a stretch confirmed normal
 */
public record LabelWindow(long fromMs, long toMs, boolean anomalous) {
  public LabelWindow {
    if (toMs < fromMs) {
      throw new IllegalArgumentException("a label window ends before it starts");
    }
  }

  /** Whether {@code timestampMs} falls in the window. */
  public boolean covers(long timestampMs) {
    return timestampMs >= fromMs && timestampMs <= toMs;
  }

  /**
   * One label per timestamp: 1 inside an incident, else 0 (unlabelled points count as normal,
   * as in every labelled benchmark); a stretch marked normal wins over an incident it overlaps.
   */
  public static int[] pointLabels(long[] timestampsMs, Iterable<LabelWindow> windows) {
    int[] labels = new int[timestampsMs.length];
    for (LabelWindow w : windows) {
      if (w.anomalous) {
        mark(timestampsMs, w, labels, 1);
      }
    }
    for (LabelWindow w : windows) {
      if (!w.anomalous) {
        mark(timestampsMs, w, labels, 0);
      }
    }
    return labels;
  }

  private static void mark(long[] t, LabelWindow w, int[] labels, int value) {
    for (int i = 0; i < t.length; i++) {
      if (w.covers(t[i])) {
        labels[i] = value;
      }
    }
  }
}
