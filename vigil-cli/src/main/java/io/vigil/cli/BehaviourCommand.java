package io.vigil.cli;

import io.vigil.behaviour.BehaviourAnalysis;
import io.vigil.behaviour.BehaviourOptions;
import io.vigil.behaviour.EntityBehaviour;
import io.vigil.behaviour.EventLog;
import io.vigil.behaviour.EventReader;
import io.vigil.behaviour.Finding;
import io.vigil.behaviour.IdentifierHasher;
import io.vigil.series.Timestamps;
import io.vigil.server.config.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil behaviour}: entities whose recent behaviour breaks their habits or their peers'. */
@Command(name = "behaviour", mixinStandardHelpOptions = true,
    description = {
        "Learn each entity's habits from an event log (CSV with a header, or JSON lines) and"
            + " rank the entities whose recent events break them: values never used before"
            + " (a new IP, a new action), rare values, unusual hours, bursts, more distinct"
            + " values than usual, numeric fields far from their level, and outliers among"
            + " peers. Each finding is given in words with its numbers.",
        "The recent period ends at the last event; everything before it is the baseline."})
final class BehaviourCommand implements Callable<Integer> {
  private static final String KEY_VARIABLE = "VIGIL_HASH_KEY";

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin OutputFormat format;

  @Option(names = "--events", required = true, paramLabel = "FILE",
      description = "Events: CSV with a 'timestamp' column, or JSON lines (.jsonl, .ndjson).")
  Path events;

  @Option(names = "--entity", required = true, paramLabel = "FIELD",
      description = "The field naming the entity, e.g. user or host.")
  String entity;

  @Option(names = "--peers", paramLabel = "FIELD",
      description = "Compare entities within groups of this field (e.g. role). Default: all.")
  String peers;

  @Option(names = "--recent", defaultValue = "24h", paramLabel = "DURATION",
      description = "The period judged, ending at the last event. Default: ${DEFAULT-VALUE}.")
  String recent;

  @Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE",
      description = "Time zone of usual hours. Default: ${DEFAULT-VALUE}.")
  ZoneId zone;

  @Option(names = "--top", defaultValue = "20",
      description = "Entities to list. Default: ${DEFAULT-VALUE}.")
  int top;

  @Option(names = "--hash", split = ",", paramLabel = "FIELD",
      description = "Fields to replace by keyed pseudonyms as they are read (e.g. user,ip);"
          + " the key comes from $" + KEY_VARIABLE + " (at least 16 characters).")
  Set<String> hashed = Set.of();

  @Option(names = "--report", paramLabel = "FILE",
      description = "Also write the ranking as a self-contained HTML page.")
  Path report;

  @Override
  public Integer call() {
    if (top < 1) {
      throw new IllegalArgumentException("--top must be at least 1");
    }
    IdentifierHasher hasher = null;
    if (!hashed.isEmpty()) {
      String key = System.getenv(KEY_VARIABLE);
      if (key == null) {
        throw new IllegalArgumentException("--hash needs a key in $" + KEY_VARIABLE
            + " (at least 16 characters), so that pseudonyms cannot be reversed by guessing");
      }
      hasher = new IdentifierHasher(key);
    }
    EventLog log = EventReader.read(events, hashed, hasher);
    BehaviourOptions options = BehaviourOptions.of(entity).withPeerField(peers)
        .withRecent(Durations.parse(recent)).withZone(zone);
    BehaviourAnalysis.Report result = BehaviourAnalysis.analyse(log, options);
    List<EntityBehaviour> shown = result.unusual(top);
    if (report != null) {
      writeHtml(result, shown);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format.json) {
      OutputFormat.printJson(out, result.summary(log.size(), top));
      return 0;
    }
    out.printf(Locale.ROOT, "%d events, %d %s entities active in the recent period (%s to %s);"
        + " baseline from %s%n", log.size(), result.entities(), entity,
        Timestamps.format(result.recentFrom()), Timestamps.format(result.until()),
        Timestamps.format(result.baselineFrom()));
    if (shown.isEmpty()) {
      out.println("No entity broke its habits or stood out from its peers.");
    }
    for (int i = 0; i < shown.size(); i++) {
      EntityBehaviour e = shown.get(i);
      out.printf(Locale.ROOT, "%n%2d. %s  score %.1f  (%d recent events, %d in baseline;"
          + " peers: %s)%n", i + 1, e.entity(), e.score(), e.recentEvents(), e.baselineEvents(),
          e.peerGroup());
      for (Finding f : e.findings()) {
        out.printf(Locale.ROOT, "    [%s %.1f] %s%n", f.kind(), f.score(), f.reason());
      }
    }
    out.flush();
    return 0;
  }

  private void writeHtml(BehaviourAnalysis.Report result, List<EntityBehaviour> shown) {
    StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head>"
        + "<meta charset=\"utf-8\"><title>Vigil behaviour report</title><style>"
        + "body{font:14px system-ui,sans-serif;margin:2em;max-width:70em}"
        + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;"
        + "padding:.4em;text-align:left;vertical-align:top}td.n{text-align:right}"
        + "li{margin:.2em 0}.k{color:#555;font-size:90%}</style></head><body>\n");
    html.append("<h1>Behaviour of ").append(esc(result.entityField())).append("</h1>\n<p>")
        .append(result.entities()).append(" entities active from ")
        .append(esc(Timestamps.format(result.recentFrom()))).append(" to ")
        .append(esc(Timestamps.format(result.until()))).append(", judged against their events"
            + " since ").append(esc(Timestamps.format(result.baselineFrom())))
        .append(result.peerField() == null ? " and against each other"
            : " and against peers with the same " + esc(result.peerField()))
        .append(".</p>\n<table><tr><th>#</th><th>").append(esc(result.entityField()))
        .append("</th><th>score</th><th>recent</th><th>baseline</th><th>why</th></tr>\n");
    for (int i = 0; i < shown.size(); i++) {
      EntityBehaviour e = shown.get(i);
      html.append("<tr><td class=\"n\">").append(i + 1).append("</td><td>")
          .append(esc(e.entity())).append("<div class=\"k\">").append(esc(e.peerGroup()))
          .append("</div></td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.1f", e.score())).append("</td><td class=\"n\">")
          .append(e.recentEvents()).append("</td><td class=\"n\">").append(e.baselineEvents())
          .append("</td><td><ul>");
      for (Finding f : e.findings()) {
        html.append("<li><span class=\"k\">").append(esc(f.kind()))
            .append(String.format(Locale.ROOT, " %.1f", f.score())).append("</span> ")
            .append(esc(f.reason())).append("</li>");
      }
      html.append("</ul></td></tr>\n");
    }
    html.append("</table>\n").append(shown.isEmpty()
        ? "<p>No entity broke its habits or stood out from its peers.</p>\n" : "")
        .append("</body></html>\n");
    try {
      Files.writeString(report, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(report + ": cannot write: " + e.getMessage(), e);
    }
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
