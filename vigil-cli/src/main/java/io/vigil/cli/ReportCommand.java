package io.vigil.cli;

import io.vigil.server.api.ReportBody;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil report}: a running service's operations report of a period, saved as the
 * printable page the dashboard shows, or summed up in the terminal.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"The operations report of a running 'vigil serve': the period's incidents,"
        + " alert volume and precision from feedback, noisiest series, model health and"
        + " capacity forecasts.",
        "With --output, the report as one self-contained, printable HTML page; without, its"
            + " figures here."})
final class ReportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--server", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
      description = "The running Vigil. Default: ${DEFAULT-VALUE}.")
  String server;

  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "7d",
      description = "How far back the period reaches (1d, 7d, 30d). Default: ${DEFAULT-VALUE}.")
  String since;

  @Option(names = "--until", paramLabel = "TIME",
      description = "The period's end (RFC 3339 or epoch). Default: now.")
  String until;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the HTML page here.")
  Path output;

  @Override
  public Integer call() throws Exception {
    ApiClient client = new ApiClient(server);
    String query = "/api/v1/report?since=" + URLEncoder.encode(since, StandardCharsets.UTF_8)
        + (until == null ? "" : "&until=" + URLEncoder.encode(until, StandardCharsets.UTF_8));
    PrintWriter out = spec.commandLine().getOut();
    if (output != null) {
      String html = client.getText(query + "&format=html");
      try {
        Files.writeString(output, html, StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("--output " + output + ": cannot write it ("
            + (e instanceof java.nio.file.NoSuchFileException ? "no such directory"
                : e.getClass().getSimpleName() + ": " + e.getMessage()) + ")", e);
      }
      out.println("Report written to " + output);
      out.flush();
      return 0;
    }
    ReportBody r = ApiClient.JSON.treeToValue(client.get(query), ReportBody.class);
    out.printf(Locale.ROOT, "Vigil report %s to %s%n", r.from(), r.until());
    out.printf(Locale.ROOT, "Alerts: %d began", r.alerts().total());
    r.alerts().byState().forEach((state, n) -> out.printf(Locale.ROOT, ", %d %s", n, state));
    out.println();
    ReportBody.Feedback f = r.feedback();
    out.printf(Locale.ROOT, "Feedback: %d true, %d false positives, %d missed; precision %s%n",
        f.truePositives(), f.falsePositives(), f.missed(), f.precision() == null ? "–"
            : String.format(Locale.ROOT, "%.0f%%", 100 * f.precision()));
    if (!r.noisiest().isEmpty()) {
      out.println("Noisiest series:");
      r.noisiest().forEach(n -> out.printf(Locale.ROOT, "  %5d anomalies  %s%s%n",
          n.anomalies(), n.series(), labels(n.labels())));
    }
    long troubled = r.models().stream().filter(m -> !"ok".equals(m.status())).count();
    out.printf(Locale.ROOT, "Models: %d champion%s, %d needing attention%n", r.models().size(),
        r.models().size() == 1 ? "" : "s", troubled);
    out.flush();
    return 0;
  }

  private static String labels(java.util.Map<String, String> labels) {
    StringBuilder b = new StringBuilder();
    labels.forEach((k, v) -> b.append(b.length() == 0 ? "{" : ", ").append(k)
        .append("=\"").append(v).append('"'));
    return b.length() == 0 ? "" : b.append('}').toString();
  }
}
