package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.feature.StreamingTransform;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import io.vigil.server.api.ModelBodies;
import io.vigil.server.api.ModelVersionBody;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigil model}: the model lifecycle of a running {@code vigil serve}, through its API:
 * train, list, show, diff, promote, roll back, shadow, feedback, retune, health.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Train, compare, promote and roll back the models of a running 'vigil serve',"
        + " and teach them with feedback.",
    subcommands = {
        ModelCommand.Train.class, ModelCommand.ListVersions.class, ModelCommand.Show.class,
        ModelCommand.Diff.class, ModelCommand.Promote.class, ModelCommand.Rollback.class,
        ModelCommand.Shadow.class, ModelFeedbackCommands.Feedback.class,
        ModelFeedbackCommands.Retune.class, ModelFeedbackCommands.Health.class,
        ModelCommand.Sign.class})
final class ModelCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a model command is required");
  }

  /** Where the service is, who acts, and how to print. */
  static final class Connection {
    @Option(names = "--server", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
        description = "The running Vigil. Default: ${DEFAULT-VALUE}.")
    String server;

    @Option(names = "--json", description = "Print the API's JSON instead of text.")
    boolean json;

    @Option(names = "--by", paramLabel = "NAME",
        description = "Who acts, for the registry's history. Default: $USER.")
    String by;

    ApiClient client() {
      return new ApiClient(server);
    }

    String who() {
      String user = by != null ? by : System.getenv("USER");
      return user == null || user.isBlank() ? "cli" : user;
    }

    ObjectNode byBody() {
      return ApiClient.JSON.createObjectNode().put("by", who());
    }

    /** Prints the JSON, or the text {@code text} writes. */
    void print(PrintWriter out, JsonNode node, java.util.function.Consumer<PrintWriter> text) {
      if (json) {
        out.println(node.toPrettyString());
      } else {
        text.accept(out);
      }
      out.flush();
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = {"Train a model version for a series (or every series a name pattern"
          + " matches) from its stored history and feedback labels, or from a CSV; each"
          + " candidate is validated on the held-back recent part and the best is registered"
          + " as a candidate. Progress is shown as it goes."})
  static final class Train implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Connection c;

    @Option(names = "--series", paramLabel = "ID", description = "The series' id.")
    Long series;

    @Option(names = "--match", paramLabel = "REGEX",
        description = "Every series whose name matches (one version each).")
    String match;

    @Option(names = "--candidate", paramLabel = "SPEC", description = {"A candidate, e.g."
        + " robust-ewma:alpha=0.05+difference; repeat it. Default: default, robust-ewma,"
        + " windowed-gaussian.", "Features: " + StreamingTransform.KNOWN + "."})
    List<String> candidates = new ArrayList<>();

    @Option(names = "--from", paramLabel = "TIME", description = "Training window start.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Training window end.")
    String to;

    @Option(names = "--csv", paramLabel = "FILE",
        description = "Train on this history (timestamp,value) instead of the stored one.")
    Path csv;

    @Option(names = "--name", paramLabel = "NAME", description = "With --csv: the series.")
    String name;

    @Option(names = "--label", paramLabel = "NAME:VALUE",
        description = "With --csv: a label of the series; repeat it.")
    List<String> labels = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
      ApiClient api = c.client();
      PrintWriter err = spec.commandLine().getErr();
      JsonNode job;
      if (csv != null) {
        if (name == null || series != null || match != null) {
          throw new IllegalArgumentException("--csv trains the series --name (and --label)"
              + " names; leave out --series and --match");
        }
        StringBuilder q = new StringBuilder("/api/v1/models/train?series=").append(enc(name));
        labels.forEach(l -> q.append("&label=").append(enc(l)));
        candidates.forEach(s -> q.append("&candidate=").append(enc(s)));
        q.append("&by=").append(enc(c.who()));
        job = api.post(q.toString(), Files.readString(csv), "text/csv");
      } else {
        if ((series == null) == (match == null)) {
          throw new IllegalArgumentException("give --series ID or --match REGEX (or --csv)");
        }
        ObjectNode body = c.byBody();
        if (series != null) {
          body.put("series", series);
        } else {
          body.putObject("selector").put("series", match);
        }
        candidates.forEach(body.putArray("candidates")::add);
        if (from != null) {
          body.put("from", from);
        }
        if (to != null) {
          body.put("to", to);
        }
        job = api.post("/api/v1/models/train", body.toString());
      }
      job = await(api, job, err);
      JsonNode done = job;
      c.print(spec.commandLine().getOut(), done.get("versions"), out -> {
        for (JsonNode node : done.get("versions")) {
          ModelVersionBody v = ModelText.body(node);
          ModelText.version(out, v);
          ModelText.candidates(out, v);
          if (Boolean.TRUE.equals(v.promoted())) {
            out.println("  promoted automatically: it beat the champion");
          }
        }
      });
      return 0;
    }

    /** Polls the job, printing progress to stderr, until it is done. */
    private static JsonNode await(ApiClient api, JsonNode node, PrintWriter err)
        throws IOException, InterruptedException {
      String last = "";
      while (true) {
        ModelBodies.Job job = ApiClient.JSON.treeToValue(node, ModelBodies.Job.class);
        String state = job.state();
        long done = job.progress().points();
        long of = job.progress().of();
        String line = "training: series " + job.seriesDone() + "/" + job.series()
            + (of > 0 ? ", " + done * 100 / of + "% of " + of + " point steps" : "") + " ("
            + state + ")";
        if (!line.equals(last)) {
          err.println(line);
          err.flush();
          last = line;
        }
        if (state.equals("done")) {
          return node;
        }
        if (state.equals("failed")) {
          throw new IllegalArgumentException("training failed: " + job.error());
        }
        Thread.sleep(250);
        node = api.get("/api/v1/models/jobs/" + job.job());
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Model versions, newest first.")
  static final class ListVersions implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Connection c;

    @Option(names = "--series", paramLabel = "ID", description = "Of this series only.")
    Long series;

    @Override
    public Integer call() throws IOException, InterruptedException {
      JsonNode models = c.client().get("/api/v1/models" + (series == null ? ""
          : "?series=" + series)).get("models");
      c.print(spec.commandLine().getOut(), models, out -> {
        out.printf("%-5s %-7s %-4s %-10s %-10s %-18s %s%n", "ID", "SERIES", "VER", "STATUS",
            "THRESHOLD", "METRIC", "SPEC");
        for (JsonNode node : models) {
          ModelVersionBody v = ModelText.body(node);
          out.printf("%-5d %-7d %-4d %-10s %-10s %-18s %s%n", v.id(), v.seriesId(),
              v.version(), v.status(), ModelText.number(v.threshold()),
              v.validation().metric() + "=" + ModelText.number(v.validation().figure()),
              v.spec());
        }
      });
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "One version: spec, training, every candidate's figures, shadow or health.")
  static final class Show implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Connection c;
    @Parameters(paramLabel = "ID", description = "The version's id.") long id;

    @Override
    public Integer call() throws IOException, InterruptedException {
      JsonNode v = c.client().get("/api/v1/models/" + id);
      c.print(spec.commandLine().getOut(), v, out -> {
        ModelVersionBody body = ModelText.body(v);
        ModelText.version(out, body);
        ModelText.candidates(out, body);
        if (v.get("shadow") != null && v.get("shadow").isObject()) {
          ModelText.shadow(out, v.get("shadow"));
        }
        if (v.get("health") != null) {
          ModelText.health(out, v.get("health"));
        }
      });
      return 0;
    }
  }

  @Command(name = "diff", mixinStandardHelpOptions = true,
      description = "What differs between two versions.")
  static final class Diff implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Connection c;
    @Parameters(index = "0", paramLabel = "A") long a;
    @Parameters(index = "1", paramLabel = "B") long b;

    @Override
    public Integer call() throws IOException, InterruptedException {
      JsonNode d = c.client().get("/api/v1/models/" + a + "/diff/" + b);
      c.print(spec.commandLine().getOut(), d, out -> {
        out.printf("%-28s %-30s %s%n", "FIELD", "#" + a, "#" + b);
        for (JsonNode f : d.get("differences")) {
          out.printf("%-28s %-30s %s%n", f.get("field").asText(), f.path("a"), f.path("b"));
        }
      });
      return 0;
    }
  }

  @Command(name = "sign", mixinStandardHelpOptions = true,
      description = {"Sign model files with this machine's model key, after checking them:"
          + " for a file from another key, or from a Vigil that did not sign models.",
          "Prints what it vouches for: algorithm, features and threshold."})
  static final class Sign implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Model files to sign.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
      io.vigil.model.ModelKey key = ModelKeys.forSigning();
      PrintWriter out = spec.commandLine().getOut();
      for (Path file : files) {
        // Restored first: only a file that is a working model gets a signature.
        io.vigil.model.Model model = io.vigil.model.Model.loadUnverified(file);
        io.vigil.model.ModelJson.write(model.document(), file, key);
        out.printf(java.util.Locale.ROOT, "%s: signed with model key %s (%s, %s, threshold"
            + " %s)%n", file, key.id(), model.document().algorithm(),
            String.join(", ", model.document().features()), model.threshold());
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "promote", mixinStandardHelpOptions = true,
      description = "Make a version its series' champion, live, without a restart.")
  static final class Promote implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Connection c;
    @Parameters(paramLabel = "ID", description = "The version's id.") long id;

    @Override
    public Integer call() throws IOException, InterruptedException {
      JsonNode v = c.client().post("/api/v1/models/" + id + "/promote", c.byBody().toString());
      c.print(spec.commandLine().getOut(), v, out -> ModelText.version(out, ModelText.body(v)));
      return 0;
    }
  }

  @Command(name = "rollback", mixinStandardHelpOptions = true,
      description = "Make an earlier version of a series champion again (by default the one"
          + " before the current champion).")
  static final class Rollback implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Connection c;
    @Parameters(paramLabel = "SERIES", description = "The series' id.") long series;

    @Option(names = "--to", paramLabel = "ID", description = "The version to go back to.")
    Long to;

    @Override
    public Integer call() throws IOException, InterruptedException {
      ObjectNode body = c.byBody();
      if (to != null) {
        body.put("to", to);
      }
      JsonNode v = c.client().post("/api/v1/series/" + series + "/rollback", body.toString());
      c.print(spec.commandLine().getOut(), v, out -> ModelText.version(out, ModelText.body(v)));
      return 0;
    }
  }

  @Command(name = "shadow", mixinStandardHelpOptions = true,
      description = {"Run a version in shadow next to its series' champion (--start), compare"
          + " them (no option), or stop (--stop)."})
  static final class Shadow implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin Connection c;
    @Parameters(paramLabel = "ID", description = "The version's id.") long id;

    @Option(names = "--start", description = "Start the shadow.") boolean start;
    @Option(names = "--stop", description = "Stop the shadow.") boolean stop;

    @Override
    public Integer call() throws IOException, InterruptedException {
      if (start && stop) {
        throw new IllegalArgumentException("--start or --stop, not both");
      }
      ApiClient api = c.client();
      String path = "/api/v1/models/" + id + "/shadow";
      JsonNode r = start ? api.post(path, c.byBody().toString())
          : stop ? api.delete(path) : api.get(path);
      c.print(spec.commandLine().getOut(), r, out -> {
        if (start) {
          out.println("#" + id + " runs in shadow from point " + r.get("shadowFromSeq"));
        } else if (stop) {
          out.println("#" + id + " is out of shadow");
        } else {
          ModelText.shadow(out, r);
        }
      });
      return 0;
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
