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
 * milliseconds (12 or 13 digits).
 */
public final class Timestamps {
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
        return OffsetDateTime.parse(t).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        // not with an offset: try a local date-time
      }
      try {
        return LocalDateTime.parse(t, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e) {
        // fall through to the error
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a timestamp: use RFC 3339"
        + " (2024-05-01T12:00:00Z), 'yyyy-MM-dd HH:mm:ss' (UTC), or epoch seconds or"
        + " milliseconds");
  }

  /** {@code ms} as RFC 3339 UTC text. */
  public static String format(long ms) {
    return Instant.ofEpochMilli(ms).toString();
  }
}
