package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code vigil bench dashboard} on a few series: every route answers and is in the table. */
class DashboardBenchCommandTest {
  @Test
  void printsATimeAndSizeForEveryRoute() {
    Cli.Result r = Cli.run("bench", "dashboard", "--series", "40", "--points", "120",
        "--repeat", "1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("40 series × 120 points sent", "route", "median ms",
        "/api/v1/now?window=6h ", "/api/v1/swimlane?window=6h&buckets=60&groupBy=rack",
        "/api/v1/series/21/chart?width=1200", "/api/v1/report?since=7d&format=html");
  }

  @Test
  void impossibleSizes_areRefusedInWords() {
    Cli.Result r = Cli.run("bench", "dashboard", "--series", "0");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("--series, --anomalous and --repeat must be at least 1")
        .doesNotContain("Exception");
    assertThat(Cli.run("bench", "dashboard", "--anomalous", "0").err())
        .contains("must be at least 1").doesNotContain("Exception");
  }
}
