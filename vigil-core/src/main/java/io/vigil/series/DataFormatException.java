package io.vigil.series;

/**
 * Input data that Vigil cannot use, with the place of the problem.
 *
 * <p>The message reads {@code file:line: column 'name': problem}, the form compilers use, so an
 * editor or a terminal can jump to the place. Line and column are omitted when the problem
 * belongs to the whole file (an empty file) or a whole column (a constant feature).
 */
public final class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String column;

  /**
   * @param source the file or stream name
   * @param line the 1-based line number, or 0 when the problem is not on one line
   * @param column the column name, or {@code null} when the problem is not in one column
   * @param problem what is wrong, in plain words
   */
  public DataFormatException(String source, long line, String column, String problem) {
    super(format(source, line, column, problem));
    this.source = source;
    this.line = line;
    this.column = column;
  }

  private static String format(String source, long line, String column, String problem) {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ");
    if (column != null) {
      sb.append("column '").append(column).append("': ");
    }
    return sb.append(problem).toString();
  }

  /** The file or stream name. */
  public String source() {
    return source;
  }

  /** The 1-based line number, or 0 when the problem is not on one line. */
  public long line() {
    return line;
  }

  /** The column name, or {@code null}. */
  public String column() {
    return column;
  }
}
