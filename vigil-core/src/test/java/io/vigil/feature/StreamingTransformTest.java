package io.vigil.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every feature against values worked out by hand (noted beside each). */
class StreamingTransformTest {
  private static final long HOUR = 3_600_000L;
  /** 2026-11-23, a Monday, 00:00 UTC. */
  private static final long MONDAY = Instant.parse("2026-11-23T00:00:00Z").toEpochMilli();

  @Test
  void differenceAndItsWayBack() {
    StreamingTransform t = StreamingTransform.parse("difference");
    assertThat(t.apply(0, 5)).isNaN();
    assertThat(t.apply(1, 7)).isEqualTo(2);
    assertThat(t.apply(2, 4)).isEqualTo(-3);
    assertThat(t.toRaw(1.5)).isEqualTo(7 + 1.5); // previous value plus the change
  }

  @Test
  void rateIsPerSecond_andAFallIsNegativeForAGauge() {
    StreamingTransform t = StreamingTransform.parse("rate");
    t.apply(0, 10);
    assertThat(t.apply(10_000, 30)).isEqualTo(2.0); // 20 over 10 s
    assertThat(t.toRaw(1)).isEqualTo(20); // 10 + 1/s × 10 s
    assertThat(t.apply(25_000, 160)).isEqualTo(130 / 15.0);
    assertThat(t.apply(40_000, 30)).isEqualTo(-130 / 15.0);
    assertThat(t.apply(40_000, 31)).as("no time has passed").isNaN();
    assertThat(t.apply(42_000, 35)).isEqualTo(2.0); // from the value at the same instant
  }

  @Test
  void counterRateReadsAFallAsARestartFromZero() {
    StreamingTransform t = StreamingTransform.parse("counter-rate");
    t.apply(0, 100);
    assertThat(t.apply(15_000, 160)).isEqualTo(4.0); // 60 over 15 s
    assertThat(t.apply(30_000, 30)).isEqualTo(2.0); // restarted: 30 counted over 15 s
    assertThat(t.toRaw(2.0)).isEqualTo(30); // from zero, not from 160
    assertThat(t.apply(45_000, 60)).isEqualTo(2.0);
  }

  @Test
  void rollingMeanAndDeviation() {
    StreamingTransform mean = StreamingTransform.parse("mean-3");
    StreamingTransform std = StreamingTransform.parse("std-3");
    double[] xs = {2, 4, 4, 4, 5, 5, 7, 9};
    // Means of the last three: 2, 3, 10/3, 4, 13/3, 14/3, 17/3, 7; sample deviations
    // (n − 1): -, √2, √(4/3), 0, √(1/3), √(1/3), √(4/3), 2.
    double[] means = {2, 3, 10 / 3.0, 4, 13 / 3.0, 14 / 3.0, 17 / 3.0, 7};
    double[] stds = {Double.NaN, Math.sqrt(2), Math.sqrt(4 / 3.0), 0, Math.sqrt(1 / 3.0),
        Math.sqrt(1 / 3.0), Math.sqrt(4 / 3.0), 2};
    for (int i = 0; i < xs.length; i++) {
      assertThat(mean.apply(i, xs[i])).isCloseTo(means[i], within(1e-12));
      if (i == 0) {
        assertThat(std.apply(i, xs[i])).isNaN();
      } else {
        assertThat(std.apply(i, xs[i])).isCloseTo(stds[i], within(1e-12));
      }
    }
    assertThat(mean.toRaw(1)).as("a mean cannot be undone").isNaN();
  }

  @Test
  void deviationKeepsItsDigitsOnAHugeLevel() {
    StreamingTransform std = StreamingTransform.parse("std-50");
    Random r = new Random(7);
    double[] window = new double[50];
    double last = 0;
    for (int i = 0; i < 10_000; i++) {
      double x = 1e9 + r.nextGaussian() * 0.01;
      window[i % 50] = x;
      last = std.apply(i, x);
    }
    double mean = 0;
    for (double x : window) {
      mean += x / 50;
    }
    double m2 = 0;
    for (double x : window) {
      m2 += (x - mean) * (x - mean);
    }
    assertThat(last).isCloseTo(Math.sqrt(m2 / 49), within(1e-6));
    assertThat(last).isCloseTo(0.01, within(0.003));
  }

  @Test
  void timeOfDayJudgesTheDepartureFromTheUsualValue_followingARampWithinTheHour() {
    StreamingTransform t = StreamingTransform.parse("time-of-day");
    // Every 10 minutes for a day: 100 + 10 per hour, rising steadily. Each hour warms up over
    // 3 points; then the line through this hour's and the last hour's (position, mean) pairs
    // lies on the ramp, so the departure is 0 (the first hour has no last hour yet, and late
    // in the last one the line runs on to midnight's 100, where this ramp breaks).
    for (int i = 0; i < 144; i++) {
      long ts = MONDAY + i * 600_000L;
      double derived = t.apply(ts, 100 + i * 10 / 6.0);
      if (i % 6 < 3) {
        assertThat(derived).isNaN();
      } else if (i >= 6 && i < 141) {
        assertThat(derived).as("point %d", i).isCloseTo(0, within(1e-9));
      }
    }
    long tuesday1430 = MONDAY + 24 * HOUR + 14 * HOUR + 1_800_000;
    assertThat(t.apply(tuesday1430, 245 - 40)).isCloseTo(-40, within(1e-9));
    assertThat(t.toRaw(0)).isCloseTo(245, within(1e-9));
    // An hour whose neighbours are unseen is judged against its own mean.
    StreamingTransform alone = StreamingTransform.parse("time-of-day");
    for (int i = 0; i < 4; i++) {
      alone.apply(MONDAY + 9 * HOUR + i * 600_000L, 10 + i);
    }
    assertThat(alone.apply(MONDAY + 9 * HOUR + 2_400_000, 20)).isCloseTo(20 - 11.5,
        within(1e-9));
  }

  @Test
  void theUsualValueForgetsAfterAWeekOfDays() {
    StreamingTransform t = StreamingTransform.parse("time-of-day");
    // One point a day at 09:00: 0 for a week, then 70. Seven visits: a plain mean (0); the
    // eighth weighs 1/7 (usual 10), and so on: 70 − 10 = 60, then 70 − (10 + 60/7).
    for (int day = 0; day < 7; day++) {
      t.apply(MONDAY + day * 24 * HOUR + 9 * HOUR, 0);
    }
    assertThat(t.apply(MONDAY + 7 * 24 * HOUR + 9 * HOUR, 70)).isEqualTo(70);
    assertThat(t.apply(MONDAY + 8 * 24 * HOUR + 9 * HOUR, 70)).isCloseTo(60, within(1e-9));
    assertThat(t.apply(MONDAY + 9 * 24 * HOUR + 9 * HOUR, 70))
        .isCloseTo(70 - (10 + 60 / 7.0), within(1e-9));
  }

  @Test
  void timeOfWeekKeepsMondaysApartFromTuesdays() {
    StreamingTransform week = StreamingTransform.parse("time-of-week");
    StreamingTransform day = StreamingTransform.parse("time-of-day");
    // Three weeks: Mondays at 01:00 read 50, every other day 10.
    for (int d = 0; d < 21; d++) {
      double v = d % 7 == 0 ? 50 : 10;
      week.apply(MONDAY + d * 24 * HOUR + HOUR, v);
      day.apply(MONDAY + d * 24 * HOUR + HOUR, v);
    }
    long fourthMonday = MONDAY + 28 * 24 * HOUR + HOUR;
    assertThat(week.apply(fourthMonday, 50)).isZero();
    assertThat(day.apply(fourthMonday, 50)).isGreaterThan(20);
  }

  @Test
  void aZonedDayFollowsLocalHoursAcrossDaylightSaving() {
    // 09:00 in Berlin reads 100, every other hour 0, over the spring change (29 March 2026).
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    StreamingTransform local = StreamingTransform.parse("time-of-day@Europe/Berlin");
    StreamingTransform utc = StreamingTransform.parse("time-of-day");
    boolean utcSurprised = false;
    LocalDateTime start = LocalDateTime.parse("2026-03-20T00:00");
    for (int h = 0; h < 20 * 24; h++) {
      LocalDateTime at = start.plusHours(h);
      long ts = at.atZone(berlin).toInstant().toEpochMilli();
      double v = at.atZone(berlin).toInstant().atZone(berlin).getHour() == 9 ? 100 : 0;
      double byLocal = local.apply(ts, v);
      double byUtc = utc.apply(ts, v);
      if (!Double.isNaN(byLocal)) {
        assertThat(byLocal).as("hour %s", at).isZero();
      }
      utcSurprised |= Math.abs(byUtc) > 10;
    }
    assertThat(utcSurprised).isTrue();
    assertThat(local.name()).isEqualTo("time-of-day@Europe/Berlin");
  }

  @Test
  void everyFeatureContinuesFromItsSnapshotAsIfNeverStopped() throws IOException {
    for (String f : new String[] {"difference", "rate", "counter-rate", "mean-5", "std-5",
        "time-of-day", "time-of-week@America/New_York"}) {
      StreamingTransform a = StreamingTransform.parse(f);
      Random r = new Random(3);
      for (int i = 0; i < 2500; i++) { // 8.7 days of 5-minute points
        a.apply(MONDAY + i * 300_000L, 50 + r.nextGaussian() + (i % 12));
      }
      StreamingTransform b = roundTrip(a);
      assertThat(b.name()).isEqualTo(f);
      int known = 0;
      for (int i = 2500; i < 2700; i++) {
        double x = 50 + r.nextGaussian() + (i % 12);
        Double expected = a.apply(MONDAY + i * 300_000L, x);
        assertThat(b.apply(MONDAY + i * 300_000L, x)).as(f).isEqualTo(expected);
        known += expected.isNaN() ? 0 : 1;
      }
      assertThat(known).as(f).isGreaterThan(100);
    }
  }

  @Test
  void checkpointsOfTheFirstReleaseStillRestore() throws IOException {
    // Written by the first release: kind byte, ring length, filled, next, sum, the ring.
    StreamingTransform difference = read(out -> {
      out.writeByte(0);
      out.writeInt(1);
      out.writeInt(1);
      out.writeInt(0);
      out.writeDouble(0);
      out.writeDouble(7);
    });
    assertThat(difference.apply(0, 10)).isEqualTo(3);
    StreamingTransform mean = read(out -> {
      out.writeByte(1);
      out.writeInt(3);
      out.writeInt(2);
      out.writeInt(2);
      out.writeDouble(3);
      out.writeDouble(1);
      out.writeDouble(2);
    });
    assertThat(mean.apply(0, 6)).isEqualTo(3); // (1 + 2 + 6) / 3
    assertThat(mean.name()).isEqualTo("mean-3");
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> StreamingTransform.parse("log"))
        .hasMessageStartingWith("unknown feature 'log': use difference, rate, counter-rate,");
    assertThatThrownBy(() -> StreamingTransform.parse("mean-1"))
        .hasMessage("feature 'mean-1': K must be from 2 to 1024");
    assertThatThrownBy(() -> StreamingTransform.parse("std-2000"))
        .hasMessage("feature 'std-2000': K must be from 2 to 1024");
    assertThatThrownBy(() -> StreamingTransform.parse("time-of-day@Mars/Olympus"))
        .hasMessageStartingWith("feature 'time-of-day@Mars/Olympus': unknown time zone"
            + " 'Mars/Olympus'");
    assertThatThrownBy(() -> read(out -> out.writeByte(42)))
        .isInstanceOf(IOException.class).hasMessage("unknown transform 42");
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static StreamingTransform read(Writer writer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    }
    return StreamingTransform.read(new DataInputStream(new ByteArrayInputStream(
        bytes.toByteArray())));
  }

  private static StreamingTransform roundTrip(StreamingTransform t) throws IOException {
    return read(t::write);
  }
}
