package io.vigil.series;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Parses the timestamps metrics come with into epoch milliseconds.
 *
 * <p>Accepted: RFC 3339 / ISO-8601 with a zone or offset ({@code 2024-05-01T12:00:00Z},
 * {@code …+02:00}); a local date-time with {@code T} or a space and optional fraction
 * ({@code 2014-04-10 07:15:00.000000}, read as UTC, as NAB and most exports mean it); and a
 * plain integer of epoch seconds (up to 11 digits, i.e. before year 5138) or epoch
 * milliseconds (12 or 13 digits). A number sent as a number (JSON) is read by the same
 * magnitude rule ({@link #fromEpochNumber}). Every time must lie from 1970 to the end of
 * year 9999 ({@link #MIN_MS}, {@link #MAX_MS}): what is outside is refused in words rather
 * than overflowing the arithmetic that follows.
 */
public final class Timestamps {
  /** The earliest time accepted: 1970-01-01T00:00:00Z. */
  public static final long MIN_MS = 0;
  /** The latest time accepted: 9999-12-31T23:59:59.999Z. */
  public static final long MAX_MS = 253_402_300_799_999L;
  /**
   * Epoch numbers below this are seconds, from it milliseconds: 10^11 seconds is year 5138,
   * 10^11 milliseconds is March 1973, so neither reading of a real metric's time is lost.
   */
  public static final long SECONDS_BELOW = 100_000_000_000L;
  /** The accepted times, in words. */
  public static final String RANGE = "from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z";

  private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .toFormatter();

  private Timestamps() {}

  /**
   * Epoch milliseconds of {@code text}.
   *
   * @throws IllegalArgumentException saying which forms are accepted
   */
  public static long parseMillis(String text) {
    String t = text.strip();
    if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
      if (t.length() <= 11) {
        return Long.parseLong(t) * 1000;
      }
      if (t.length() <= 13) {
        return Long.parseLong(t);
      }
    } else if (!t.isEmpty()) {
      try {
        return inRange(text, OffsetDateTime.parse(t).toInstant());
      } catch (DateTimeParseException e) {
        // not with an offset: try a local date-time
      }
      try {
        return inRange(text, LocalDateTime.parse(t, LOCAL).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        // fall through to the error
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a timestamp: use RFC 3339"
        + " (2024-05-01T12:00:00Z), 'yyyy-MM-dd HH:mm:ss' (UTC), or epoch seconds or"
        + " milliseconds");
  }

  private static long inRange(String text, Instant t) {
    if (t.isBefore(Instant.EPOCH) || t.isAfter(Instant.ofEpochMilli(MAX_MS))) {
      throw new IllegalArgumentException("'" + text + "' is outside the times accepted ("
          + RANGE + ")");
    }
    return t.toEpochMilli();
  }

  /**
   * Epoch milliseconds of an epoch number: seconds below {@link #SECONDS_BELOW}, else
   * milliseconds; a fraction is kept to the millisecond.
   *
   * @throws IllegalArgumentException for a negative, non-finite or too late number
   */
  public static long fromEpochNumber(double n) {
    if (!(n >= 0)) {
      throw new IllegalArgumentException(n + " is not a time: epoch seconds or milliseconds"
          + " must not be negative");
    }
    double ms = n < SECONDS_BELOW ? n * 1000 : n;
    if (!(ms <= MAX_MS)) {
      throw new IllegalArgumentException(fmt(n) + " is outside the times accepted (" + RANGE
          + ")");
    }
    return Math.round(ms);
  }

  /** Like {@link #fromEpochNumber(double)}, exact for whole numbers of any size. */
  public static long fromEpochNumber(long n) {
    if (n < 0) {
      throw new IllegalArgumentException(n + " is not a time: epoch seconds or milliseconds"
          + " must not be negative");
    }
    long ms = n < SECONDS_BELOW ? n * 1000 : n;
    if (ms > MAX_MS) {
      throw new IllegalArgumentException(n + " is outside the times accepted (" + RANGE + ")");
    }
    return ms;
  }

  private static String fmt(double n) {
    return n == Math.rint(n) && Math.abs(n) < 1e18 ? Long.toString((long) n)
        : Double.toString(n);
  }

  /** {@code ms} as RFC 3339 UTC text. */
  public static String format(long ms) {
    return Instant.ofEpochMilli(ms).toString();
  }
}
