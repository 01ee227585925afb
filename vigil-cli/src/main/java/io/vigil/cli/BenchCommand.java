package io.vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vigil bench}: accuracy and speed benchmarks, each a subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks that print a table.",
    subcommands = {NabBenchCommand.class, IngestBenchCommand.class,
        ForecastBenchCommand.class, PredictBenchCommand.class,
        MultivariateBenchCommand.class, CardinalityBenchCommand.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name a benchmark, e.g. 'vigil bench nab'");
  }
}
