package io.vigil.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.series.Timestamps;
import io.vigil.server.alert.AlertView;
import io.vigil.server.alert.PredictiveEvaluator;
import io.vigil.server.model.ModelHealth;
import io.vigil.server.report.OperationsReport;
import io.vigil.server.report.ReportPage;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@code GET /api/v1/report?since=7d&until=&format=json|html}: the operations report of the
 * period ending {@code until} (default now), as JSON or as the printable page that {@code
 * vigil report} saves and the dashboard shows.
 */
public final class ReportApi {
  /** Builds a report of a period. */
  public interface Source {
    OperationsReport report(long fromMs, long untilMs);
  }

  private final Source source;
  private final LongSupplier clock;

  public ReportApi(Source source, LongSupplier clock) {
    this.source = source;
    this.clock = clock;
  }

  public void configure(JavalinConfig c) {
    c.routes.get("/api/v1/report", this::report);
  }

  private void report(Context ctx) {
    Duration since = RequestParams.duration(ctx, "since", Duration.ofDays(7));
    long until = RequestParams.time(ctx, "until", clock.getAsLong());
    String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
    if (!format.equals("json") && !format.equals("html")) {
      throw new ApiException(400, "format must be json or html, was '" + format + "'");
    }
    OperationsReport r = source.report(until - since.toMillis(), until);
    if (format.equals("html")) {
      ctx.status(200).contentType("text/html; charset=utf-8").result(ReportPage.html(r));
      return;
    }
    HttpApi.json(ctx, 200, json(r));
  }

  static ObjectNode json(OperationsReport r) {
    ObjectNode o = Json.object().put("from", Timestamps.format(r.fromMs()))
        .put("until", Timestamps.format(r.untilMs()));
    ObjectNode alerts = o.putObject("alerts").put("total", r.alerts());
    ObjectNode states = alerts.putObject("byState");
    r.byState().forEach(states::put);
    ArrayNode rules = alerts.putArray("byRule");
    r.byRule().forEach((rule, n) -> rules.addObject().put("rule", rule).put("alerts", n));
    ObjectNode feedback = o.putObject("feedback").put("truePositives", r.truePositives())
        .put("falsePositives", r.falsePositives()).put("missed", r.missed());
    Json.number(feedback, "precision", r.precision());
    ArrayNode incidents = o.putArray("incidents");
    for (AlertView a : r.incidents()) {
      ObjectNode i = incidents.addObject().put("id", a.id()).put("rule", a.rule())
          .put("state", a.state().name().toLowerCase(Locale.ROOT))
          .put("startsAt", Timestamps.format(a.startsMs())).put("summary", a.text())
          .put("maxProbability", a.maxProbability());
      if (r.verdicts().containsKey(a.id())) {
        i.put("verdict", r.verdicts().get(a.id()));
      }
    }
    ArrayNode noisy = o.putArray("noisiest");
    for (OperationsReport.Noisy n : r.noisiest()) {
      Json.key(n.key(), noisy.addObject().put("id", n.seriesId()))
          .put("anomalies", n.anomalies()).put("maxProbability", n.maxProbability());
    }
    ArrayNode models = o.putArray("models");
    for (ModelHealth m : r.models()) {
      models.addObject().put("seriesId", m.seriesId()).put("version", m.version().version())
          .put("spec", m.version().spec().text()).put("status", m.status())
          .set("reasons", Json.MAPPER.valueToTree(m.reasons()));
    }
    ArrayNode forecasts = o.putArray("forecasts");
    for (PredictiveEvaluator.Estimate e : r.forecasts()) {
      ObjectNode f = Json.key(e.key(), forecasts.addObject().put("rule", e.rule()))
          .put("reached", e.reached()).put("firing", e.firing());
      Json.number(f, "secondsToCrossing", e.secondsToCrossing());
    }
    return o;
  }
}
