package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** vigil bench ingest refuses what it cannot run, in words, before starting a service. */
class IngestBenchCommandTest {
  @Test
  void badSizesAndStoresAreNamed() {
    Cli.Result store = Cli.run("bench", "ingest", "--store", "mysql://root:hunter2@db/m");
    assertThat(store.exitCode()).isNotZero();
    assertThat(store.err()).contains("the store must be 'sqlite' or a PostgreSQL URL")
        .doesNotContain("hunter2");
    Cli.Result clients = Cli.run("bench", "ingest", "--series", "2", "--clients", "4");
    assertThat(clients.err()).contains("--series must be at least --clients");
    assertThat(Cli.run("bench", "ingest", "--seconds", "0").err())
        .contains("must be positive");
  }
}
