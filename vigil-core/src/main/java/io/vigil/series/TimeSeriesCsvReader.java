package io.vigil.series;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one metric from a CSV with a {@code timestamp} column and a {@code value} column (other
 * columns are ignored; names are case-insensitive). Strict like {@link CsvDatasetReader}:
 * every bad cell is reported with its line, and nothing is skipped.
 */
public final class TimeSeriesCsvReader {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get();

  private TimeSeriesCsvReader() {}

  /** Reads {@code file}. */
  public static TimeSeries read(Path file) {
    String source = file.toString();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, source);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(source, 0, null, "no such file");
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Reads CSV text; {@code source} names it in errors. */
  public static TimeSeries read(Reader in, String source) throws IOException {
    try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(FORMAT).get()) {
      var records = new CsvRecords(parser, source);
      if (!records.hasNext()) {
        throw new DataFormatException(source, 0, null, "the file is empty: expected a header"
            + " row with 'timestamp' and 'value' columns");
      }
      List<String> header = records.next().toList().stream()
          .map(h -> h.toLowerCase(Locale.ROOT)).toList();
      int t = header.indexOf("timestamp");
      int v = header.indexOf("value");
      if (t < 0 || v < 0) {
        throw new DataFormatException(source, parser.getCurrentLineNumber(), null,
            "the header needs 'timestamp' and 'value' columns, found " + header);
      }
      CsvProblems problems = new CsvProblems(source);
      LongStream.Builder times = LongStream.builder();
      LongStream.Builder lines = LongStream.builder();
      DoubleStream.Builder values = DoubleStream.builder();
      int count = 0;
      while (records.hasNext()) {
        CSVRecord r = records.next();
        long line = parser.getCurrentLineNumber();
        if (r.size() != header.size()) {
          problems.add(line, null, "expected " + header.size() + " values but found "
              + r.size());
          continue;
        }
        try {
          times.add(Timestamps.parseMillis(r.get(t)));
        } catch (IllegalArgumentException e) {
          problems.add(line, "timestamp", e.getMessage());
          continue;
        }
        values.add(NumericCell.parse(r.get(v), line, "value", problems));
        lines.add(line);
        count++;
      }
      problems.throwIfAny();
      if (count == 0) {
        throw new DataFormatException(source, 0, null, "no data rows after the header");
      }
      return new TimeSeries(source, times.build().toArray(), values.build().toArray(),
          lines.build().toArray());
    }
  }
}
