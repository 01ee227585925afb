package io.vigil.detect.seasonal;

/**
 * The seasons Vigil looks for, each cut into phase bins: the hour in 5-minute bins, the day in
 * 15-minute bins, the week in hours. NONE is a single bin: no season.
 */
public enum Period {
  /** No season. */
  NONE(Long.MAX_VALUE, 1),
  /** An hourly cycle (cron jobs, batch schedules). */
  HOUR(3_600_000L, 12),
  /** A daily cycle (user traffic). */
  DAY(86_400_000L, 96),
  /** A weekly cycle (working days and weekends). */
  WEEK(604_800_000L, 168);

  private final long millis;
  private final int bins;

  Period(long millis, int bins) {
    this.millis = millis;
    this.bins = bins;
  }

  /** The length of one cycle. */
  public long millis() {
    return millis;
  }

  /** The number of phase bins. */
  public int bins() {
    return bins;
  }

  /** The phase bin of a timestamp (UTC epoch milliseconds). */
  public int phase(long timestampMs) {
    return this == NONE ? 0 : (int) (Math.floorMod(timestampMs, millis) * bins / millis);
  }
}
