package io.vigil.cli;

import io.vigil.model.ModelFileException;
import io.vigil.model.VigilVersion;
import io.vigil.series.DataFormatException;
import io.vigil.server.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vigil} command. Exit status: 0 success, 1 the input, model or data could not be
 * used (a one-line message says why), 2 the command line itself was wrong.
 */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VigilCommand.Version.class,
    description = "Anomaly detection for server and infrastructure metrics.",
    subcommands = {
        TrainCommand.class,
        DetectCommand.class,
        EvaluateCommand.class,
        PlotCommand.class,
        BenchCommand.class,
        ServeCommand.class,
        ModelCommand.class,
        ForecastCommand.class,
        GenerateCommand.class,
        BehaviourCommand.class,
        TokenCommand.class,
        AuditCommand.class,
        ReportCommand.class,
        CommandLine.HelpCommand.class
    })
public final class VigilCommand implements Runnable {
  /** Exit status when input could not be used. */
  public static final int INPUT_ERROR = 1;

  /** The environment variable naming a plug-ins folder, as {@code --plugins} does. */
  public static final String PLUGINS_VARIABLE = "VIGIL_PLUGINS";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Loads the plug-ins as soon as the option is read, before the command's own options. */
  @CommandLine.Option(names = "--plugins", paramLabel = "DIR", description = {
      "Load detectors from every jar in DIR (java.util.ServiceLoader, io.vigil.plugin.VigilPlugin)"
          + " before running the command; or set " + PLUGINS_VARIABLE + "."})
  void plugins(java.nio.file.Path dir) {
    try {
      io.vigil.plugin.Plugins.load(dir);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--plugins: "
          + e.getMessage());
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true"); // plots render without a display
    String plugins = System.getenv(PLUGINS_VARIABLE);
    if (plugins != null && !plugins.isBlank()) {
      try {
        io.vigil.plugin.Plugins.load(java.nio.file.Path.of(plugins));
      } catch (IllegalArgumentException | UncheckedIOException e) {
        System.err.println("vigil: " + PLUGINS_VARIABLE + ": " + oneLine(e.getMessage()));
        System.exit(INPUT_ERROR);
      }
    }
    System.exit(newCommandLine(
        new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
  }

  /** The command line with Vigil's error handling, writing to the given streams. */
  public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new VigilCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(VigilCommand::handleExecutionError);
    cl.setParameterExceptionHandler(VigilCommand::handleUsageError);
    return cl;
  }

  private static int handleExecutionError(
      Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof DataFormatException || e instanceof ModelFileException
        || e instanceof IllegalArgumentException || e instanceof UncheckedIOException
        || e instanceof IOException || e instanceof StoreException) {
      err.println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(e.getMessage()));
      err.flush();
      return INPUT_ERROR;
    }
    // A bug, not bad input: keep the stack trace for the report.
    err.println(cmd.getCommandSpec().qualifiedName() + ": internal error: " + e);
    e.printStackTrace(err);
    err.flush();
    return CommandLine.ExitCode.SOFTWARE;
  }

  private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    err.println(name + ": " + oneLine(e.getMessage()) + " (see '" + name + " --help')");
    err.flush();
    return CommandLine.ExitCode.USAGE;
  }

  private static String oneLine(String message) {
    return message == null ? "failed" : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** Reports the version the build stamped into vigil-core. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"vigil " + VigilVersion.get()};
    }
  }

  /** The jar this command runs from, for the benchmarks that start {@code vigil serve}. */
  static String jar() {
    try {
      return java.nio.file.Path.of(VigilCommand.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
