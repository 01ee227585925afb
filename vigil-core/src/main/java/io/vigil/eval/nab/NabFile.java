package io.vigil.eval.nab;

import io.vigil.series.TimeSeries;
import java.util.List;

/**
 * One series of a NAB corpus with its labelled windows.
 *
 * @param key {@code <category>/<name>.csv}, as the labels file names it
 * @param series the points in file order
 * @param windows the labelled anomaly windows as row ranges, in time order
 */
public record NabFile(String key, TimeSeries series, List<Window> windows) {

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
