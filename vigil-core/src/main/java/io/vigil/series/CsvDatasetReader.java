package io.vigil.series;

import java.io.IOException;
import java.io.FilterReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a numeric CSV table: a header row, one numeric column per feature, an optional
 * {@code label} column of 0/1, and an optional {@code timestamp} column, left out.
 *
 * <p>Strict by design: a text cell, an empty cell, NaN, an infinity, a row with the wrong
 * number of cells, a duplicate column name, or a file without data rows is an error, never a
 * skipped row. The whole file is checked before failing, and the error names the first
 * problem ({@code file:line: column 'x': problem}) and how many more there are, so one run
 * shows the extent of the damage. Blank lines carry no data and are ignored.
 *
 * <p>Parsing (quotes, separators, line ends) is Apache Commons CSV's; this class only adds the
 * numeric rules.
 */
public final class CsvDatasetReader {

  /** The name of the optional ground-truth column. */
  public static final String LABEL_COLUMN = "label";
  /**
   * A column of times (any case): not a feature. Rows are taken in file order, which is time
   * order; a metrics export or a NAB file can be read as it is.
   */
  public static final String TIME_COLUMN = "timestamp";

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get();

  private CsvDatasetReader() {}

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Whether {@code file} is read through gzip: its name ends in {@code .gz}. */
  public static boolean gzipped(Path file) {
    return file.getFileName().toString().endsWith(".gz");
  }

  /**
   * Reads {@code file} (gzipped when its name ends in {@code .gz}) and records the SHA-256 of
   * its bytes as stored; errors name the file as given.
   */
  public static Dataset read(Path file) {
    return read(file, null);
  }

  /**
   * Reads {@code file} (gzipped when its name ends in {@code .gz}), which has no header row
   * when {@code impliedHeader} is given: those are its column names and every line is data
   * (line numbers in errors stay the file's own).
   */
  public static Dataset read(Path file, List<String> impliedHeader) {
    String source = file.toString();
    MessageDigest sha256 = sha256();
    try (InputStream raw = new DigestInputStream(Files.newInputStream(file), sha256);
        InputStream bytes = gzipped(file) ? new java.util.zip.GZIPInputStream(raw) : raw;
        Reader in = new InputStreamReader(bytes, StandardCharsets.UTF_8)) {
      // The parser closes its reader; shield ours so the remaining bytes can still be hashed.
      Dataset data = read(new FilterReader(in) {
        @Override
        public void close() {}
      }, source, impliedHeader);
      bytes.transferTo(OutputStream.nullOutputStream()); // hash every byte, even after the table
      raw.transferTo(OutputStream.nullOutputStream());
      return data.withSha256(HexFormat.of().formatHex(sha256.digest()));
    } catch (NoSuchFileException e) {
      throw new DataFormatException(source, 0, null, "no such file");
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Reads CSV text from {@code in}; {@code source} names it in errors. */
  public static Dataset read(Reader in, String source) throws IOException {
    return read(in, source, null);
  }

  private static Dataset read(Reader in, String source, List<String> impliedHeader)
      throws IOException {
    try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(FORMAT).get()) {
      var records = new CsvRecords(parser, source);
      if (impliedHeader == null && !records.hasNext()) {
        throw new DataFormatException(source, 0, null, "the file is empty: expected a header row");
      }
      Header header = impliedHeader != null
          ? Header.of(impliedHeader, source, 0)
          : Header.of(records.next().toList(), source, parser.getCurrentLineNumber());
      CsvProblems problems = new CsvProblems(source);
      List<double[]> rows = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      while (records.hasNext()) {
        CSVRecord record = records.next();
        long line = parser.getCurrentLineNumber();
        if (record.size() != header.names.size()) {
          problems.add(line, null, "expected " + header.names.size() + " values ("
              + String.join(",", header.names) + ") but found " + record.size());
          continue;
        }
        double[] row = new double[header.featureIndexes.length];
        for (int j = 0; j < row.length; j++) {
          int c = header.featureIndexes[j];
          row[j] = NumericCell.parse(record.get(c), line, header.names.get(c), problems);
        }
        if (header.labelIndex >= 0) {
          labels.add(parseLabel(record.get(header.labelIndex), line, problems));
        }
        rows.add(row);
        lines.add(line);
      }
      problems.throwIfAny();
      if (rows.isEmpty()) {
        throw new DataFormatException(source, 0, null, "no data rows after the header");
      }
      return new Dataset(
          source,
          null,
          header.featureNames(),
          rows.toArray(double[][]::new),
          header.labelIndex >= 0 ? labels.stream().mapToInt(Integer::intValue).toArray() : null,
          lines.stream().mapToLong(Long::longValue).toArray());
    }
  }

  private static int parseLabel(String text, long line, CsvProblems problems) {
    if (NumericCell.isNumber(text)) {
      double v = Double.parseDouble(text);
      if (v == 0.0 || v == 1.0) {
        return (int) v;
      }
    }
    problems.add(line, LABEL_COLUMN, "'" + text + "' is not a label: use 1 for an anomaly, 0"
        + " for normal");
    return 0;
  }

  /** The header row: column names, which are features, which is the label. */
  private record Header(List<String> names, int[] featureIndexes, int labelIndex) {

    static Header of(List<String> names, String source, long line) {
      Set<String> seen = new HashSet<>();
      List<Integer> features = new ArrayList<>();
      int label = -1;
      for (int c = 0; c < names.size(); c++) {
        String name = names.get(c);
        if (name.isEmpty()) {
          throw new DataFormatException(source, line, null,
              "column " + (c + 1) + " of the header has no name");
        }
        if (!seen.add(name)) {
          throw new DataFormatException(source, line, name, "the column name appears twice");
        }
        if (name.equals(LABEL_COLUMN)) {
          label = c;
        } else if (!name.equalsIgnoreCase(TIME_COLUMN)) {
          features.add(c);
        }
      }
      if (features.isEmpty()) {
        throw new DataFormatException(source, line, null, "the header names no feature"
            + " column (only '" + LABEL_COLUMN + "' or '" + TIME_COLUMN + "', which are not"
            + " features)");
      }
      return new Header(names, features.stream().mapToInt(Integer::intValue).toArray(), label);
    }

    List<String> featureNames() {
      List<String> out = new ArrayList<>();
      for (int c : featureIndexes) {
        out.add(names.get(c));
      }
      return out;
    }
  }

  /** Problems found while scanning: the first is reported in full, the rest counted. */

}
