package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil model feedback|retune|health}: teaching models and watching them. */
final class ModelFeedbackCommands {
  private ModelFeedbackCommands() {}

  @Command(name = "feedback", mixinStandardHelpOptions = true,
      description = {"Mark an alert or anomaly a true or false positive, or a missed incident:",
          "  --verdict false-positive --alert 12",
          "  --verdict true-positive --series 3 --at 2026-05-01T10:00:00Z",
          "  --verdict missed --series 3 --from 2026-05-01T10:00:00Z --to 2026-05-01T10:20:00Z"})
  static final class Feedback implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ModelCommand.Connection c;

    @Option(names = "--verdict", required = true, paramLabel = "VERDICT",
        description = "true-positive, false-positive or missed.")
    String verdict;

    @Option(names = "--alert", paramLabel = "ID", description = "The alert judged.")
    Long alert;

    @Option(names = "--series", paramLabel = "ID", description = "The series.")
    Long series;

    @Option(names = "--at", paramLabel = "TIME", description = "The anomaly's timestamp.")
    String at;

    @Option(names = "--from", paramLabel = "TIME", description = "A missed incident's start.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "A missed incident's end.")
    String to;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, in your words.")
    String note;

    @Override
    public Integer call() throws IOException, InterruptedException {
      ObjectNode body = c.byBody().put("verdict", verdict);
      if (alert != null) {
        body.put("alert", alert);
      }
      if (series != null) {
        body.put("series", series);
      }
      putText(body, "timestamp", at);
      putText(body, "from", from);
      putText(body, "to", to);
      putText(body, "note", note);
      JsonNode r = c.client().post("/api/v1/feedback", body.toString());
      c.print(spec.commandLine().getOut(), r, out -> {
        for (JsonNode l : r.get("labels")) {
          out.printf("label #%d: series %d %s .. %s %s (%s)%n", l.get("id").asLong(),
              l.get("seriesId").asLong(), l.get("from").asText(), l.get("to").asText(),
              l.get("anomalous").asBoolean() ? "incident" : "normal", l.get("verdict")
                  .asText());
        }
      });
      return 0;
    }

    private static void putText(ObjectNode o, String field, String value) {
      if (value != null) {
        o.put(field, value);
      }
    }
  }

  @Command(name = "retune", mixinStandardHelpOptions = true,
      description = "Retune a series' threshold to its feedback labels and show precision,"
          + " recall and F1 before and after; --promote makes it live.")
  static final class Retune implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ModelCommand.Connection c;
    @Parameters(paramLabel = "SERIES", description = "The series' id.") long series;

    @Option(names = "--promote", description = "Make the retuned version champion at once.")
    boolean promote;

    @Override
    public Integer call() throws IOException, InterruptedException {
      JsonNode r = c.client().post("/api/v1/series/" + series + "/retune",
          c.byBody().put("promote", promote).toString());
      c.print(spec.commandLine().getOut(), r, out -> {
        out.printf("on %d scored points, %d in labelled incidents:%n", r.get("points").asInt(),
            r.get("incidentPoints").asInt());
        out.printf("  %-7s %-10s %-8s %-10s %-8s %s%n", "", "THRESHOLD", "ALERTS",
            "PRECISION", "RECALL", "F1");
        for (String side : new String[] {"before", "after"}) {
          JsonNode f = r.get(side);
          out.printf("  %-7s %-10s %-8d %-10s %-8s %s%n", side,
              ModelText.number(f.get("threshold")), f.get("alerts").asLong(),
              ModelText.number(f.get("precision")), ModelText.number(f.get("recall")),
              ModelText.number(f.get("f1")));
        }
        ModelText.version(out, ModelText.body(r.get("model")));
      });
      return 0;
    }
  }

  @Command(name = "health", mixinStandardHelpOptions = true,
      description = "The health of every champion model: alert rate, score drift, silence.")
  static final class Health implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin ModelCommand.Connection c;

    @Override
    public Integer call() throws IOException, InterruptedException {
      JsonNode r = c.client().get("/api/v1/models/health");
      c.print(spec.commandLine().getOut(), r, out -> {
        out.println(r.get("models").size() + " champion models, " + r.get("degraded").asInt()
            + " degraded");
        r.get("models").forEach(h -> ModelText.health(out, h));
      });
      return 0;
    }
  }
}
