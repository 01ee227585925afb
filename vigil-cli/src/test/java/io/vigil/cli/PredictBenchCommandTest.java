package io.vigil.cli;

import static io.vigil.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.eval.nab.NabFile;
import io.vigil.series.TimeSeries;
import io.vigil.server.config.PredictionRule;
import io.vigil.server.config.SeriesSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil bench predict}: NAB's failing machine replayed through the service warns
 * before the labelled windows; and the matching of alerts to windows and crossings.
 */
class PredictBenchCommandTest {
  private static final String KEY = "realKnownCause/machine_temperature_system_failure.csv";
  private static final long H = 3_600_000L;

  @Test
  void theFailingMachine_isWarnedOfBeforeThreeOfItsFourWindows(@TempDir Path corpus)
      throws Exception {
    Path nab = Path.of(System.getProperty("vigil.datasets", "../datasets"), "nab");
    Files.createDirectories(corpus.resolve("data/realKnownCause"));
    Files.createDirectories(corpus.resolve("labels"));
    Files.copy(nab.resolve("data").resolve(KEY), corpus.resolve("data").resolve(KEY));
    JsonNode all = new ObjectMapper().readTree(
        nab.resolve("labels/combined_windows.json").toFile());
    Files.writeString(corpus.resolve("labels/combined_windows.json"),
        "{\"" + KEY + "\": " + all.get(KEY) + "}");

    JsonNode j = run("bench", "predict", "--data", corpus.toString(), "--json").json();

    JsonNode windows = j.get("windows");
    assertThat(windows).hasSize(4);
    // The shutdown, the fault before the catastrophic failure, and the last failure are
    // warned of before their windows; the second failure starts its fall inside its window.
    assertThat(windows).extracting(w -> w.get("warnedBefore").asBoolean())
        .containsExactly(true, false, true, true);
    assertThat(windows.get(3).get("leadSeconds").asLong()).isGreaterThan(4 * 3600);
    JsonNode crossings = j.get("crossings");
    assertThat(crossings).hasSize(6);
    assertThat(crossings).filteredOn(c -> c.get("warnedBefore").asBoolean()).hasSize(5);
    assertThat(j.get("evaluations").asLong()).isGreaterThan(22_000);
  }

  @Test
  void alertsAreMatchedToWindowsAndToTheTimesTheLimitWasReached() {
    // Hourly points: 100 except 40 at hours 10-11 and 30; windows at rows 8..12 and 20..22.
    long[] t = new long[40];
    double[] v = new double[40];
    for (int i = 0; i < t.length; i++) {
      t[i] = i * H;
      v[i] = (i == 10 || i == 11 || i == 30) ? 40 : 100;
    }
    NabFile file = new NabFile("x/y.csv", new TimeSeries("y", t, v, new long[40]),
        List.of(new NabFile.Window(8, 12), new NabFile.Window(20, 22)));
    PredictionRule rule = new PredictionRule("r", SeriesSelector.all(), 50, false,
        Duration.ofHours(3), Duration.ofHours(6), "linear-trend", 0.9, Duration.ofHours(1),
        Duration.ZERO);
    // 7: 1 h before window 1 (starts 8), 3 h before the crossing at 10 -> borne out;
    // 15: nothing within 3 h after it, outside every window (from 3 h before its start);
    // 21: inside window 2, not borne out; 27: reached at 30, 3 h later -> borne out, but
    // no window near.
    PredictiveReplay.Report r = PredictiveReplay.report(file, rule,
        List.of(7 * H, 15 * H, 21 * H, 27 * H), 0, 0, 0);
    assertThat(r.windows()).extracting(PredictiveReplay.Outcome::alertMs)
        .containsExactly(7 * H, 21 * H);
    assertThat(r.windows().get(0).leadMs()).isEqualTo(H);
    assertThat(r.windows().get(1).warned()).isFalse();
    assertThat(r.crossings()).extracting(PredictiveReplay.Outcome::startMs)
        .containsExactly(10 * H, 30 * H);
    assertThat(r.crossings()).extracting(PredictiveReplay.Outcome::leadMs)
        .containsExactly(3 * H, 3 * H);
    assertThat(r.borneOut()).isEqualTo(2);
    assertThat(r.unexplained()).isEqualTo(2);
  }
}
