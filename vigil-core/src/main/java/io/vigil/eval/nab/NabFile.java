package io.vigil.eval.nab;

import io.vigil.series.TimeSeries;
import java.util.List;

/**
 * One series of a NAB corpus with its labelled windows.
 *
 * @param key {@code <category>/<name>.csv}, as the labels file names it
 * @param series the points in file order
 * @param windows the labelled anomaly windows as row ranges, in time order
 * @param labelledRows the rows labelled anomalous, as ranges; the windows when the corpus has
 *     no per-point labels
 */
public record NabFile(String key, TimeSeries series, List<Window> windows,
    List<Window> labelledRows) {

  /**
   * A labelled window: rows {@code start..end}, both inclusive.
   *
   * @param start the first row
   * @param end the last row
   */
  public record Window(int start, int end) {
    /** The number of rows. */
    public int width() {
      return end - start + 1;
    }
  }

  public NabFile {
    windows = List.copyOf(windows);
    labelledRows = List.copyOf(labelledRows);
  }

  /** A file whose labelled rows are its windows. */
  public NabFile(String key, TimeSeries series, List<Window> windows) {
    this(key, series, windows, windows);
  }

  /** 1 for each row labelled anomalous, 0 for the others. */
  public int[] pointLabels() {
    int[] out = new int[series.size()];
    for (Window w : labelledRows) {
      java.util.Arrays.fill(out, w.start(), w.end() + 1, 1);
    }
    return out;
  }

  /** The category folder. */
  public String category() {
    return key.substring(0, key.indexOf('/'));
  }

  /** The file name without the category. */
  public String name() {
    return key.substring(key.indexOf('/') + 1);
  }

  /** Rows before this count for nothing: min(floor(0.15·n), 750). */
  public int probation() {
    return Math.min((int) Math.floor(0.15 * series.size()), 750);
  }
}
