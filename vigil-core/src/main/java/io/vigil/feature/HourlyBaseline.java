package io.vigil.feature;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * {@code time-of-day} and {@code time-of-week}: the value less what this moment of the day (24
 * hours) or of the week (168, Monday 00:00 first) usually is, so a detector judges the
 * departure from the daily or weekly pattern instead of the pattern itself; the expectation
 * maps back by adding the usual value.
 *
 * <p>Each hour keeps its usual value and the usual position of its points within it; the
 * usual value at a moment is the straight line through the two nearest hours' (position,
 * value) pairs, so a ramp (a morning rise) is followed within the hour instead of being judged
 * against the hour's average, and uneven sampling cannot bias it. Both are running means over
 * an hour's first {@code memory} days (or weeks) and afterwards forget at the rate that keeps
 * about {@code memory} of them: 7 days for the day, 4 weeks for the week. Visits (distinct
 * days or weeks) are counted rather than points so the memory does not depend on how often
 * the series is sampled. An hour seen fewer than {@value #MIN_POINTS} times gives NaN (warming
 * up); next to one, the line through the other neighbour is extended, and an hour with
 * neither is judged against its own usual value. Hours are local to the zone,
 * so a business-hours pattern keeps its shape across daylight-saving changes.
 */
final class HourlyBaseline extends StreamingTransform {
  /** Points an hour needs before its usual value is trusted. */
  static final int MIN_POINTS = 3;
  private static final long HOUR_MS = 3_600_000L;
  private static final int MONDAY_FROM_EPOCH_DAYS = 3; // 1970-01-01 was a Thursday

  private final Kind kind;
  private final ZoneId zone;
  private final ZoneRules rules;
  private final int memory;
  private final long[] points;
  private final int[] visits;
  private final long[] lastVisit;
  private final double[] usual;
  private final double[] position;

  HourlyBaseline(Kind kind, ZoneId zone) {
    this.kind = kind;
    this.zone = zone;
    this.rules = zone.getRules();
    int hours = kind == Kind.TIME_OF_DAY ? 24 : 168;
    this.memory = kind == Kind.TIME_OF_DAY ? 7 : 4;
    this.points = new long[hours];
    this.visits = new int[hours];
    this.lastVisit = new long[hours];
    this.usual = new double[hours];
    this.position = new double[hours];
    java.util.Arrays.fill(lastVisit, Long.MIN_VALUE);
  }

  @Override
  public String name() {
    String base = kind == Kind.TIME_OF_DAY ? "time-of-day" : "time-of-week";
    return zone.equals(ZoneOffset.UTC) ? base : base + "@" + zone.getId();
  }

  @Override
  public double apply(long timestampMs, double x) {
    long local = timestampMs + (rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH)
        : rules.getOffset(Instant.ofEpochMilli(timestampMs))).getTotalSeconds() * 1000L;
    long hour = Math.floorDiv(local, HOUR_MS) + MONDAY_FROM_EPOCH_DAYS * 24L;
    double within = Math.floorMod(local, HOUR_MS);
    int n = usual.length;
    int h = (int) Math.floorMod(hour, (long) n);
    double expected = usualAt(h, within);
    long visit = Math.floorDiv(hour, (long) n);
    if (visit != lastVisit[h]) {
      lastVisit[h] = visit;
      visits[h]++;
    }
    points[h]++;
    double weight = 1 / Math.max(1.0, points[h] * Math.min(1.0, (double) memory / visits[h]));
    usual[h] += (x - usual[h]) * weight;
    position[h] += (within - position[h]) * weight;
    if (Double.isNaN(expected)) {
      return Double.NaN;
    }
    mapsBack(expected, 1);
    return x - expected;
  }

  /** The usual value {@code within} ms into hour {@code h}; NaN while h is warming up. */
  private double usualAt(int h, double within) {
    if (points[h] < MIN_POINTS) {
      return Double.NaN;
    }
    int n = usual.length;
    boolean after = within >= position[h];
    if (points[after ? (h + 1) % n : (h + n - 1) % n] < MIN_POINTS) {
      after = !after; // the line through the other neighbour, extended
    }
    int other = after ? (h + 1) % n : (h + n - 1) % n;
    if (points[other] < MIN_POINTS) {
      return usual[h];
    }
    double otherAt = after ? HOUR_MS + position[other] : position[other] - HOUR_MS;
    double slope = (usual[other] - usual[h]) / (otherAt - position[h]);
    return usual[h] + slope * (within - position[h]);
  }

  @Override
  Kind kind() {
    return kind;
  }

  @Override
  void writeState(DataOutput out) throws IOException {
    out.writeUTF(zone.getId());
    for (int h = 0; h < usual.length; h++) {
      out.writeLong(points[h]);
      out.writeInt(visits[h]);
      out.writeLong(lastVisit[h]);
      out.writeDouble(usual[h]);
      out.writeDouble(position[h]);
    }
  }

  static HourlyBaseline readState(Kind kind, DataInput in) throws IOException {
    String zone = in.readUTF();
    HourlyBaseline b;
    try {
      b = new HourlyBaseline(kind, ZoneId.of(zone));
    } catch (java.time.DateTimeException e) {
      throw new IOException("a time-of-day baseline in unknown zone " + zone, e);
    }
    for (int h = 0; h < b.usual.length; h++) {
      b.points[h] = in.readLong();
      b.visits[h] = in.readInt();
      b.lastVisit[h] = in.readLong();
      b.usual[h] = in.readDouble();
      b.position[h] = in.readDouble();
    }
    return b;
  }
}
