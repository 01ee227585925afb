package io.vigil.cli;

import io.vigil.series.Dataset;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Writes the input CSV back with {@code score} and {@code anomaly} columns appended. The input
 * cells are copied as written (not re-formatted from parsed doubles), so a scored file diffs
 * cleanly against its input; scores are written in full precision.
 */
final class ScoredCsvWriter {
  private static final CSVFormat IN =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get();
  private static final CSVFormat OUT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

  private ScoredCsvWriter() {}

  /**
   * @param input the file {@code data} was read from
   * @param data the rows as read, to check every row lines up with its score
   * @param scores one per row of {@code data}
   * @param flags one per row of {@code data}
   */
  static void write(Path input, Dataset data, double[] scores, boolean[] flags, Writer out)
      throws IOException {
    try (Reader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(in).setFormat(IN).get()) {
      CSVPrinter printer = new CSVPrinter(out, OUT);
      int i = -1;
      for (CSVRecord record : parser) {
        List<String> cells = new ArrayList<>(record.toList());
        if (i < 0) {
          cells.add("score");
          cells.add("anomaly");
        } else {
          if (i >= data.size() || data.lines()[i] != parser.getCurrentLineNumber()) {
            throw new IOException(input + " changed while it was being scored; run again");
          }
          cells.add(Double.toString(scores[i]));
          cells.add(flags[i] ? "1" : "0");
        }
        printer.printRecord(cells);
        i++;
      }
      if (i != data.size()) {
        throw new IOException(input + " changed while it was being scored; run again");
      }
      printer.flush();
    }
  }
}
