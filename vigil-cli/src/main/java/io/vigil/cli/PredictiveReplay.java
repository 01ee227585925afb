package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.eval.nab.NabFile;
import io.vigil.series.TimeSeries;
import io.vigil.series.Timestamps;
import io.vigil.server.VigilServer;
import io.vigil.server.config.PredictionRule;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.config.VigilConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a labelled series through a real {@code vigil serve} (in this process, on
 * loopback, with an empty store) to see whether a predictive rule warns before each labelled
 * window: the history goes in over HTTP as a CSV import, the rule is evaluated in the series'
 * own time as it would have been live, and the alerts come back from the alert API.
 */
final class PredictiveReplay {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WAIT_MS = 600_000;

  private PredictiveReplay() {}

  /**
   * One labelled window and the first alert that warned of it.
   *
   * @param startMs the window's first point
   * @param endMs its last point
   * @param alertMs when the first alert fired, or {@link Long#MIN_VALUE}: none
   */
  record Outcome(long startMs, long endMs, long alertMs) {
    boolean warned() {
      return alertMs != Long.MIN_VALUE && alertMs < startMs;
    }

    /** How long before the window's start the alert fired (negative: inside it). */
    long leadMs() {
      return startMs - alertMs;
    }
  }

  /**
   * What the replay found.
   *
   * @param windows the labelled windows
   * @param crossings each time the series really reached the limit (after at least the lead
   *     time on the safe side), as a window of its first point
   * @param alertsMs when each alert fired, in order
   * @param borneOut alerts after which the limit was reached within the lead time
   * @param unexplained alerts that fired neither inside a window nor within the rule's lead
   *     time before one
   * @param importSeconds the import's wall time (detection and storage included)
   * @param evaluationSeconds the wall time until every evaluation was made
   * @param evaluations how many evaluations were queued
   */
  record Report(List<Outcome> windows, List<Outcome> crossings, List<Long> alertsMs,
      int unexplained, int borneOut, double importSeconds, double evaluationSeconds,
      long evaluations) {
    static long warned(List<Outcome> outcomes) {
      return outcomes.stream().filter(Outcome::warned).count();
    }
  }

  /** Replays {@code file} with {@code rule} in a store under {@code dataDir}. */
  static Report run(NabFile file, PredictionRule rule, Path dataDir)
      throws IOException, InterruptedException {
    VigilConfig config = new VigilConfig(ServerConfig.defaults().withAddress("127.0.0.1", 0)
        .withDataDir(dataDir), List.of(), List.of(), List.of(), List.of(), List.of(rule));
    TimeSeries s = file.series();
    try (VigilServer server = VigilServer.start(config)) {
      String base = "http://127.0.0.1:" + server.port();
      HttpClient http = HttpClient.newHttpClient();
      // A NAB file may repeat an hour (a clock set back) with other values; the service
      // refuses a second value at a stored time, so each time is sent once, first kept.
      StringBuilder csv = new StringBuilder("timestamp,value\n");
      int sent = 0;
      long previous = Long.MIN_VALUE;
      for (int i = 0; i < s.size(); i++) {
        if (s.timestampsMs()[i] > previous) {
          csv.append(s.timestampsMs()[i]).append(',').append(s.values()[i]).append('\n');
          previous = s.timestampsMs()[i];
          sent++;
        }
      }
      String name = file.key().replaceFirst(".*/", "").replaceFirst("\\.csv$", "")
          .replaceAll("[^A-Za-z0-9_]", "_");
      long t0 = System.nanoTime();
      JsonNode imported = call(http, HttpRequest.newBuilder(URI.create(base
          + "/api/v1/import?series=" + URLEncoder.encode(name, StandardCharsets.UTF_8)))
          .header("Content-Type", "text/csv")
          .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build());
      double importSeconds = (System.nanoTime() - t0) / 1e9;
      if (imported.get("accepted").asLong() != sent) {
        throw new IllegalStateException("the import accepted " + imported.get("accepted")
            + " of " + sent + " points");
      }
      long deadline = System.currentTimeMillis() + WAIT_MS;
      while (call(http, get(base + "/api/v1/predictions")).get("pending").asLong() > 0) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("predictions still queued after "
              + WAIT_MS / 1000 + " s");
        }
        Thread.sleep(50);
      }
      double evaluationSeconds = (System.nanoTime() - t0) / 1e9 - importSeconds;
      List<Long> alerts = new ArrayList<>();
      for (JsonNode node : call(http, get(base + "/api/v1/alerts?limit=100000"))
          .get("alerts")) {
        io.vigil.server.api.AlertBody a = JSON.treeToValue(node,
            io.vigil.server.api.AlertBody.class);
        // A pending alert has not fired: it warned of nothing yet.
        if (a.rule().equals(rule.name()) && a.firedAt() != null) {
          alerts.add(Timestamps.parseMillis(a.firedAt()));
        }
      }
      alerts.sort(null);
      return report(file, rule, alerts, importSeconds, evaluationSeconds,
          periods(s, rule.every().toMillis()));
    }
  }

  /**
   * Matches alerts to windows. An alert says the limit will be reached within the rule's
   * lead time, so it warns of a window only when it fires at most that long before the
   * window starts (or inside it); one that fires earlier was a false alarm, however long its
   * lead would look.
   */
  static Report report(NabFile file, PredictionRule rule, List<Long> alerts,
      double importSeconds, double evaluationSeconds, long evaluations) {
    long[] t = file.series().timestampsMs();
    List<Outcome> outcomes = new ArrayList<>();
    long lead = rule.within().toMillis();
    for (NabFile.Window w : file.windows()) {
      long start = t[w.start()];
      long end = t[w.end()];
      outcomes.add(new Outcome(start, end, firstAlert(alerts, start - lead, end)));
    }
    List<Outcome> crossings = new ArrayList<>();
    double[] v = file.series().values();
    long lastReached = Long.MIN_VALUE;
    int borneOut = 0;
    int next = 0;
    for (int i = 0; i < t.length; i++) {
      if (!rule.reached(v[i])) {
        continue;
      }
      if (lastReached == Long.MIN_VALUE || t[i] - lastReached > lead) {
        crossings.add(new Outcome(t[i], t[i], firstAlert(alerts, t[i] - lead, t[i])));
      }
      lastReached = t[i];
      for (; next < alerts.size() && alerts.get(next) <= t[i]; next++) {
        borneOut += alerts.get(next) >= t[i] - lead ? 1 : 0;
      }
    }
    int unexplained = 0;
    for (long a : alerts) {
      boolean explained = false;
      for (Outcome o : outcomes) {
        explained |= a >= o.startMs() - lead && a <= o.endMs();
      }
      unexplained += explained ? 0 : 1;
    }
    return new Report(outcomes, crossings, alerts, unexplained, borneOut, importSeconds,
        evaluationSeconds, evaluations);
  }

  private static long firstAlert(List<Long> alerts, long fromMs, long toMs) {
    for (long a : alerts) {
      if (a >= fromMs && a <= toMs) {
        return a;
      }
    }
    return Long.MIN_VALUE;
  }

  private static long periods(TimeSeries s, long every) {
    long n = 0;
    long last = Long.MIN_VALUE;
    for (long t : s.timestampsMs()) {
      long p = Math.floorDiv(t, every);
      if (p > last) {
        n++;
        last = p;
      }
    }
    return n;
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).GET().build();
  }

  private static JsonNode call(HttpClient http, HttpRequest request)
      throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(request.uri().getPath() + " answered " + r.statusCode() + ": "
          + r.body());
    }
    return JSON.readTree(r.body());
  }
}
