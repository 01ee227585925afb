package io.vigil.series;

import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The records of a commons-csv parser, with its failures in words. commons-csv reports text
 * that is not CSV (a quote never closed) as an {@link UncheckedIOException} from the
 * iterator, mid-stream, with its own wording; every reader of CSV in Vigil goes through this,
 * so the user sees {@code body:3: a quoted field is not closed} like any other data problem.
 */
public final class CsvRecords implements Iterator<CSVRecord> {
  private static final Pattern LINE = Pattern.compile("\\(startline (\\d+)\\)|at line: (\\d+)");

  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final String source;

  /** The records of {@code parser}, read from {@code source} (for messages). */
  public CsvRecords(CSVParser parser, String source) {
    this.parser = parser;
    this.records = parser.iterator();
    this.source = source;
  }

  @Override
  public boolean hasNext() {
    try {
      return records.hasNext();
    } catch (UncheckedIOException e) {
      throw malformed(e);
    }
  }

  @Override
  public CSVRecord next() {
    try {
      return records.next();
    } catch (UncheckedIOException e) {
      throw malformed(e);
    }
  }

  private DataFormatException malformed(UncheckedIOException e) {
    String detail = String.valueOf(e.getCause() != null ? e.getCause().getMessage()
        : e.getMessage());
    Matcher m = LINE.matcher(detail);
    long line = !m.find() ? parser.getCurrentLineNumber() + 1
        : Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
    if (detail.contains("EOF reached before encapsulated token finished")) {
      return new DataFormatException(source, line, null, "a quoted field is not closed:"
          + " its opening quote (\") has no closing one before the end of the text");
    }
    if (detail.toLowerCase(java.util.Locale.ROOT).contains("between encapsulated token and"
        + " delimiter")) {
      return new DataFormatException(source, line, null, "text follows a closing quote (\")"
          + " before the next comma: a quote inside a quoted field is written twice (\"\")");
    }
    return new DataFormatException(source, line, null, "not valid CSV: "
        + detail.replaceAll("[a-z]+(\\.[a-z]+)+\\.[A-Z]\\w*(Exception|Error):? ?", ""));
  }
}
