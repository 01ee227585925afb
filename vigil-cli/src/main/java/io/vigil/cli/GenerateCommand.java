package io.vigil.cli;

import io.vigil.eval.synthetic.Fault;
import io.vigil.eval.synthetic.ServerMetricsGenerator;
import io.vigil.eval.synthetic.ServerMetricsGenerator.Host;
import io.vigil.eval.synthetic.ServerMetricsGenerator.Injection;
import io.vigil.series.CsvDatasetWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil generate}: labelled synthetic server metrics to try detectors on. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {
        "Write labelled synthetic server metrics: for each host, <host>_train.csv (normal"
            + " days) and <host>_test.csv (as many days again, with one of each fault injected"
            + " and labelled), the layout 'vigil bench multivariate' reads.",
        "Metrics follow a daily and weekly load cycle: requests, CPU, latency (queueing),"
            + " errors, memory with GC, disk with a nightly backup, network, threads. Faults:"
            + " stuck sensor, memory leak, correlation break, level shift, error burst, traffic"
            + " drop."})
final class GenerateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write.")
  Path out;

  @Option(names = "--hosts", defaultValue = "4",
      description = "Hosts (pairs of files). Default: ${DEFAULT-VALUE}.")
  int hosts;

  @Option(names = "--days", defaultValue = "7",
      description = "Days in each of train and test. Default: ${DEFAULT-VALUE}.")
  int days;

  @Option(names = "--seed", defaultValue = "1",
      description = "Seed of the first host; host k uses seed + k - 1. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() {
    if (hosts < 1 || days < 5) {
      // Six faults half a day apart need about four and a half days of test rows.
      throw new IllegalArgumentException("--hosts must be at least 1 and --days at least 5");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException(out + ": exists and is not a directory; --out names"
          + " the directory to write the files into");
    }
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException(out + ": cannot create: " + e.getMessage(), e);
    }
    PrintWriter console = spec.commandLine().getOut();
    for (int k = 1; k <= hosts; k++) {
      Host host = host(seed + k - 1, "host" + k, days);
      CsvDatasetWriter.write(host.train(), out.resolve(host.train().source()));
      CsvDatasetWriter.write(host.test(), out.resolve(host.test().source()));
      console.printf(Locale.ROOT, "%s: %d train rows, %d test rows, faults on lines", "host" + k,
          host.train().size(), host.test().size());
      for (Injection i : host.injections()) {
        console.printf(Locale.ROOT, " %s %d-%d", i.fault().name().toLowerCase(Locale.ROOT),
            i.start() + 2, i.end() + 1);
      }
      console.println();
    }
    console.flush();
    return 0;
  }

  /** The host the command writes for {@code seed}: every fault once. */
  static Host host(long seed, String name, int days) {
    return new ServerMetricsGenerator(seed).host(name, days, days, List.of(Fault.values()));
  }
}
