package io.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code vigil bench}: accuracy and speed benchmarks, each a subcommand; on its own, the
 * accuracy benchmark over every bundled corpus.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks that print a table. Without a subcommand: 'vigil bench accuracy'.",
    subcommands = {AccuracyBenchCommand.class, NabBenchCommand.class, IngestBenchCommand.class,
        ForecastBenchCommand.class, PredictBenchCommand.class,
        MultivariateBenchCommand.class, CardinalityBenchCommand.class,
        WarmStartBenchCommand.class, DashboardBenchCommand.class})
final class BenchCommand implements java.util.concurrent.Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    return spec.commandLine().getSubcommands().get("accuracy").execute();
  }
}
