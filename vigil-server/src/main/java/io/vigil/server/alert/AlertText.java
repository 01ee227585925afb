package io.vigil.server.alert;

import io.vigil.detect.Direction;
import java.util.Locale;

/**
 * The one-line words of an anomaly alert, as people read them in a chat or a pager:
 * {@code api_latency_seconds: spike to 2.41 s, expected 0.180 s (+2.23 s, 13× expected),
 * probability 0.999977}. Numbers keep four significant digits, with their unit when the
 * series has one; a probability keeps the digits that tell it from 1.
 */
final class AlertText {
  private AlertText() {}

  /**
   * @param what the series (or rule) name
   * @param unit the values' unit symbol, or null
   * @param origin the probable origin of a grouped incident, or null
   */
  static String anomaly(String what, Direction direction, double value, double expected,
      String unit, double probability, String origin) {
    StringBuilder b = new StringBuilder(what).append(": ");
    b.append(direction == Direction.NONE ? "unusual" : direction.name().toLowerCase(Locale.ROOT))
        .append(direction == Direction.NONE ? " value " : " to ").append(number(value, unit));
    if (Double.isFinite(expected)) {
      double by = value - expected;
      b.append(", expected ").append(number(expected, unit)).append(" (")
          .append(by >= 0 ? "+" : "−").append(number(Math.abs(by), unit));
      if (expected != 0 && Math.signum(expected) == Math.signum(value)
          && Math.abs(value / expected) >= 2) {
        b.append(", ").append(significant(value / expected)).append("× expected");
      }
      b.append(')');
    }
    b.append(", probability ").append(probability(probability));
    if (origin != null) {
      b.append(", probable origin ").append(origin);
    }
    return b.toString();
  }

  /** {@code v} to four significant digits with its unit ({@code 2.41 s}, {@code 97.5%}). */
  static String number(double v, String unit) {
    String n = significant(v);
    if (unit == null || unit.isEmpty()) {
      return n;
    }
    return unit.equals("%") ? n + "%" : n + " " + unit;
  }

  private static String significant(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.4g", v);
    if (s.contains("e")) {
      return s;
    }
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  /**
   * A probability with the digits that matter: two decimals below 0.99, else up to the
   * second digit that is not a 9 ({@code 0.999977}, not {@code 1.0000}); one too close to 1
   * for a double to tell is written {@code > 0.9999999999999}.
   */
  static String probability(double p) {
    if (!(p < 0.99)) {
      double tail = 1 - p;
      if (tail <= 1e-13) {
        return "> 0.9999999999999";
      }
      int decimals = (int) Math.floor(-Math.log10(tail)) + 2;
      String s = String.format(Locale.ROOT, "%." + decimals + "f", p);
      return s.replaceAll("0+$", "");
    }
    return String.format(Locale.ROOT, "%.2f", p);
  }
}
