package io.vigil.series;

import java.util.regex.Pattern;

/** Strict parsing of a numeric CSV cell: plain decimals only, finite, never empty. */
public final class NumericCell {
  /** Plain decimal numbers: no hex, no "NaN"/"Infinity", no Java type suffixes like "1d". */
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private NumericCell() {}

  /** Whether {@code text} is a plain decimal number. */
  public static boolean isNumber(String text) {
    return NUMBER.matcher(text).matches();
  }

  /** The value of {@code text}, or NaN after recording why it is not one. */
  static double parse(String text, long line, String column, CsvProblems problems) {
    if (text.isEmpty()) {
      problems.add(line, column, "empty value: every feature needs a number");
      return Double.NaN;
    }
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("nan") || lower.contains("inf")) {
      problems.add(line, column, "'" + text + "' is not a finite number (NaN and infinities are"
          + " not accepted; remove the row or fill the gap first)");
      return Double.NaN;
    }
    if (!NUMBER.matcher(text).matches()) {
      problems.add(line, column, "'" + text + "' is not a number");
      return Double.NaN;
    }
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value)) {
      problems.add(line, column, "'" + text + "' is out of the range of a double");
    }
    return value;
  }
}
