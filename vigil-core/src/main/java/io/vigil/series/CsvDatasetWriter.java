package io.vigil.series;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link Dataset} as the CSV {@link CsvDatasetReader} reads: a header, one column per
 * feature, then {@code label} when there are labels. Numbers are written in the shortest plain
 * decimal that reads back to the same double, so a written file reads back equal.
 */
public final class CsvDatasetWriter {
  private CsvDatasetWriter() {}

  /** Writes {@code data} to {@code file}, replacing it. */
  public static void write(Dataset data, Path file) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(String.join(",", data.featureNames()));
      if (data.hasLabels()) {
        out.write("," + CsvDatasetReader.LABEL_COLUMN);
      }
      out.write('\n');
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < data.size(); i++) {
        line.setLength(0);
        double[] row = data.rows()[i];
        for (int j = 0; j < row.length; j++) {
          if (j > 0) {
            line.append(',');
          }
          line.append(plain(row[j]));
        }
        if (data.hasLabels()) {
          line.append(',').append(data.labels()[i]);
        }
        out.append(line).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  private static String plain(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
