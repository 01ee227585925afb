package io.vigil.series;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A table of numeric feature rows with optional 0/1 labels, as read from one source.
 *
 * <p>Every value is finite: readers reject NaN and infinities before a dataset exists. The
 * arrays are owned by the dataset once passed in and are never exposed for writing; {@link
 * #row(int)} returns a copy.
 *
 * @param source where the rows came from (a file name), used in error messages
 * @param sha256 the SHA-256 of the source's bytes in lower-case hex, or {@code null} when the
 *     rows did not come from a file
 * @param featureNames one name per column of {@code rows}, in order, unique
 * @param rows the feature values, {@code rows[i][j]} is feature {@code j} of row {@code i}
 * @param labels {@code labels[i]} is 1 when row {@code i} is a labelled anomaly, else 0; {@code
 *     null} when the source carries no labels
 * @param lines the 1-based line in the source of each row, for error messages
 */
public record Dataset(
    String source,
    String sha256,
    List<String> featureNames, double[][] rows, int[] labels, long[] lines) {

  public Dataset {
    Objects.requireNonNull(source, "source");
    featureNames = List.copyOf(featureNames);
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(lines, "lines");
    if (lines.length != rows.length) {
      throw new IllegalArgumentException("one line number per row is required");
    }
    if (labels != null && labels.length != rows.length) {
      throw new IllegalArgumentException("one label per row is required");
    }
    for (double[] row : rows) {
      if (row.length != featureNames.size()) {
        throw new IllegalArgumentException("every row needs one value per feature");
      }
    }
  }

  /** A dataset whose rows are numbered as lines 2, 3, ... (a header on line 1). */
  public static Dataset of(String source, List<String> featureNames, double[][] rows, int[] labels) {
    long[] lines = new long[rows.length];
    Arrays.setAll(lines, i -> i + 2L);
    return new Dataset(source, null, featureNames, rows, labels, lines);
  }

  /** This dataset with its source's SHA-256 recorded. */
  public Dataset withSha256(String hex) {
    return new Dataset(source, hex, featureNames, rows, labels, lines);
  }

  /** Number of rows. */
  public int size() {
    return rows.length;
  }

  /** Number of features (columns other than the label). */
  public int dimension() {
    return featureNames.size();
  }

  /** Whether the source had a label column. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** A copy of row {@code i}. */
  public double[] row(int i) {
    return rows[i].clone();
  }

  /** Number of rows labelled 1 (0 when there are no labels). */
  public int anomalyCount() {
    return labels == null ? 0 : (int) Arrays.stream(labels).filter(l -> l == 1).count();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dataset d
        && source.equals(d.source)
        && Objects.equals(sha256, d.sha256)
        && featureNames.equals(d.featureNames)
        && Arrays.deepEquals(rows, d.rows)
        && Arrays.equals(labels, d.labels)
        && Arrays.equals(lines, d.lines);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, featureNames, Arrays.deepHashCode(rows), Arrays.hashCode(labels));
  }

  @Override
  public String toString() {
    return "Dataset[" + source + ", " + rows.length + " rows, features=" + featureNames
        + (labels == null ? "" : ", " + anomalyCount() + " labelled anomalies") + "]";
  }
}
