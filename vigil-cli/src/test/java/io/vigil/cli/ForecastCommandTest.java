package io.vigil.cli;

import static io.vigil.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.series.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil forecast} on series whose future is known. */
class ForecastCommandTest {
  private static final long T0 = 1_714_521_600_000L;
  private static final long STEP = 300_000;

  @TempDir Path dir;

  /** Disk use growing 30 points in 10 days from 40%, with a daily wiggle and noise. */
  private Path disk() throws IOException {
    Random random = new Random(1);
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 2880; i++) {
      double v = 40 + 30.0 * i / 2880 + 2 * Math.sin(2 * Math.PI * i / 288)
          + 0.3 * random.nextGaussian();
      csv.append(Timestamps.format(T0 + i * STEP)).append(',').append(v).append('\n');
    }
    return Files.writeString(dir.resolve("disk.csv"), csv);
  }

  @Test
  void timeToThreshold_isWhereTheTrendMeetsTheLimit() throws IOException {
    Path png = dir.resolve("forecast.png");
    JsonNode j = run("forecast", "--data", disk().toString(), "--horizon", "12d", "--method",
        "linear-trend", "--limit", "95", "--plot", png.toString(), "--json").json();
    JsonNode c = j.get("crossing");
    assertThat(c.get("withinHorizon").asBoolean()).isTrue();
    // 95% is reached at point (95 − 40)·2880/30 = 5280, 2401 steps after the last.
    long truth = T0 + 5280 * STEP;
    long expected = Timestamps.parseMillis(c.get("expected").asText());
    assertThat(Math.abs(expected - truth)).isLessThan(12 * 3_600_000L);
    assertThat(Timestamps.parseMillis(c.get("earliest").asText())).isLessThan(expected);
    assertThat(Timestamps.parseMillis(c.get("latest").asText())).isGreaterThan(expected);
    assertThat(png).isNotEmptyFile();
  }

  @Test
  void withALimit_theMethodIsChosenByBacktest_andFollowsTheTrend() throws IOException {
    // 50 + 0.01 a step under a daily cycle of amplitude 5, 4000 five-minute points, limit
    // 100: the noiseless series first reaches 100 at the step found below.
    Random random = new Random(5);
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 4000; i++) {
      csv.append(Timestamps.format(T0 + i * STEP)).append(',').append(50 + 0.01 * i
          + 5 * Math.sin(2 * Math.PI * i / 288) + 0.5 * random.nextGaussian()).append('\n');
    }
    int first = 4000;
    while (50 + 0.01 * first + 5 * Math.sin(2 * Math.PI * first / 288) < 100) {
      first++;
    }
    long truth = T0 + first * STEP;
    Path data = Files.writeString(dir.resolve("rising.csv"), csv);
    Cli.Result text = run("forecast", "--data", data.toString(), "--horizon", "4d", "--limit",
        "100");
    assertThat(text.out()).contains("Method linear-trend, chosen by backtest on the last",
        "mean absolute error", "holt-winters", "Reaches 100.0 at");
    JsonNode j = run("forecast", "--data", data.toString(), "--horizon", "4d", "--limit",
        "100", "--json").json();
    assertThat(j.get("methodChosenBy").asText()).startsWith("backtest on the last");
    long expected = Timestamps.parseMillis(j.get("crossing").get("expected").asText());
    assertThat(Math.abs(expected - truth)).as("hours off").isLessThan(6 * 3_600_000L);
  }

  @Test
  void aSeriesAlreadyPastTheLimit_saysSo() throws IOException {
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    Random random = new Random(6);
    for (int i = 0; i < 600; i++) {
      csv.append(Timestamps.format(T0 + i * STEP)).append(',')
          .append(97 + 0.2 * random.nextGaussian()).append('\n');
    }
    Path data = Files.writeString(dir.resolve("steady.csv"), csv);
    assertThat(run("forecast", "--data", data.toString(), "--limit", "95").out())
        .contains("Already past 95.0: the last value is 9");
    assertThat(run("forecast", "--data", data.toString(), "--limit", "95", "--direction",
        "down").out()).doesNotContain("Already past");
  }

  @Test
  void trendReport_givesSlopeAndProjections() throws IOException {
    JsonNode j = run("forecast", "--data", disk().toString(), "--trend", "--json").json();
    JsonNode trend = j.get("trend");
    assertThat(trend.get("slopePerDay").asDouble()).isBetween(2.7, 3.3); // 30 in 10 days
    assertThat(trend.get("projections")).hasSize(3);
    assertThat(trend.get("projections").get(0).get("days").asInt()).isEqualTo(7);
    Cli.Result text = run("forecast", "--data", disk().toString(), "--trend");
    assertThat(text.out()).contains("Trend: +", "in  7 days:", "in 90 days:");
  }

  @Test
  void errorBudget_runsOutWhenTheBurnSays() throws IOException {
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 2880; i++) { // 10 days at 0.2% bad
      csv.append(Timestamps.format(T0 + i * STEP)).append(",0.002\n");
    }
    Path errors = Files.writeString(dir.resolve("errors.csv"), csv);
    Cli.Result r = run("forecast", "--data", errors.toString(), "--method", "seasonal-naive",
        "--horizon", "30d", "--slo", "0.999", "--slo-window", "30d");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Error budget (99.9% over 30d): 66.7% spent, burn rate 2.00;"
        + " runs out at").contains("(in 5d 0h)");
  }

  @Test
  void farAway_isNotWithinTheHorizon() throws IOException {
    Cli.Result r = run("forecast", "--data", disk().toString(), "--horizon", "6h",
        "--method", "linear-trend", "--limit", "95");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Not within 6h");
  }

  @Test
  void tooShort_constant_andDisordered_seriesGetPlainAnswers() throws IOException {
    Path shortCsv = Files.writeString(dir.resolve("short.csv"),
        "timestamp,value\n1,1\n2,2\n3,3\n");
    Cli.Result tooShort = run("forecast", "--data", shortCsv.toString());
    assertThat(tooShort.exitCode()).isEqualTo(1);
    assertThat(tooShort.err()).contains("not enough history: need 11 points, have 3");

    StringBuilder flat = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 500; i++) {
      flat.append(1_700_000_000 + i * 60).append(",42\n");
    }
    JsonNode constant = run("forecast", "--data", Files.writeString(dir.resolve("flat.csv"),
        flat).toString(), "--horizon", "1h", "--limit", "50", "--json").json();
    for (JsonNode p : constant.get("forecast")) {
      assertThat(p.get("mean").asDouble()).isEqualTo(42.0);
      assertThat(p.get("lower").isNumber() && p.get("upper").isNumber()).isTrue();
    }
    assertThat(constant.get("crossing").get("withinHorizon").asBoolean()).isFalse();

    // Five-minute points rising 0.01 each, with six hours missing in the middle: the step is
    // still five minutes, the line still through the points, 50 reached 1000 steps on.
    StringBuilder gappy = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 2000; i++) {
      if (i < 900 || i >= 972) {
        gappy.append(1_700_000_000L + i * 300L).append(',').append(20 + 0.01 * i)
            .append('\n');
      }
    }
    JsonNode gaps = run("forecast", "--data", Files.writeString(dir.resolve("gaps.csv"),
        gappy).toString(), "--horizon", "5d", "--method", "linear-trend", "--limit", "49.99",
        "--json").json();
    assertThat(gaps.get("stepMs").asLong()).isEqualTo(300_000);
    for (JsonNode p : gaps.get("forecast")) {
      assertThat(p.get("mean").isNumber() && p.get("lower").isNumber()
          && p.get("upper").isNumber()).isTrue();
    }
    assertThat(gaps.get("crossing").get("expectedInSeconds").asLong())
        .isBetween(1000 * 300L - 600, 1000 * 300L + 600);

    Path disordered = Files.writeString(dir.resolve("back.csv"),
        "timestamp,value\n100,1\n200,2\n150,3\n");
    Cli.Result back = run("forecast", "--data", disordered.toString());
    assertThat(back.exitCode()).isEqualTo(1);
    assertThat(back.err()).contains("back.csv:4").contains("timestamps must increase");
  }
}
