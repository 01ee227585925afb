package io.vigil.feature;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * {@code time-of-day} and {@code time-of-week}: the value less what this hour of the day (24
 * hours) or of the week (168, Monday 00:00 first) usually is, so a detector judges the
 * departure from the daily or weekly pattern instead of the pattern itself; the expectation
 * maps back by adding the hour's usual value.
 *
 * <p>Each hour's usual value is a running mean over its first {@code memory} days (or weeks)
 * and after that forgets at the rate that keeps about {@code memory} of them: 7 days for the
 * day, 4 weeks for the week. It counts visits (distinct days or weeks) rather than points so
 * the memory does not depend on how often the series is sampled. An hour seen fewer than
 * {@value #MIN_POINTS} times gives NaN (warming up). Hours are local to the zone, so a
 * business-hours pattern keeps its shape across daylight-saving changes.
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
    int h = (int) Math.floorMod(hour, (long) usual.length);
    long visit = Math.floorDiv(hour, (long) usual.length);
    double before = usual[h];
    boolean known = points[h] >= MIN_POINTS;
    if (visit != lastVisit[h]) {
      lastVisit[h] = visit;
      visits[h]++;
    }
    points[h]++;
    double effective = points[h] * Math.min(1.0, (double) memory / visits[h]);
    usual[h] += (x - usual[h]) / Math.max(1.0, effective);
    if (!known) {
      return Double.NaN;
    }
    mapsBack(before, 1);
    return x - before;
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
    }
    return b;
  }
}
