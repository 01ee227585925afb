package io.vigil.server.config;

import java.time.Duration;

/**
 * How long {@code vigil serve} keeps each kind of data before deleting it in the background;
 * null keeps that kind for ever (the default). The audit log is not among them: it is kept,
 * since deleting from a hash chain is what it exists to reveal.
 *
 * @param points stored points with their assessments, anomalies and hosts' judged rows; a
 *     series' newest stretch and whatever its detector still replays on restart are kept
 *     whatever their age
 * @param events behaviour events
 * @param alerts alerts that ended (resolved or cancelled), their deliveries, and silences
 *     that expired
 */
public record Retention(Duration points, Duration events, Duration alerts) {
  /** Keeping everything. */
  public static final Retention KEEP = new Retention(null, null, null);

  /** The shortest period a kind may be kept: less is almost surely a typo. */
  public static final Duration SHORTEST = Duration.ofHours(1);

  public Retention {
    check(points, "points");
    check(events, "events");
    check(alerts, "alerts");
  }

  private static void check(Duration d, String kind) {
    if (d != null && d.compareTo(SHORTEST) < 0) {
      throw new IllegalArgumentException("retention." + kind + ": " + d.toMinutes() + " minutes"
          + " is shorter than the shortest allowed, 1h");
    }
  }

  /** Whether anything is ever deleted. */
  public boolean deletes() {
    return points != null || events != null || alerts != null;
  }
}
