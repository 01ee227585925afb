package io.vigil.server.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.series.Timestamps;
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
    HttpApi.json(ctx, 200, Json.MAPPER.valueToTree(body(r)));
  }

  /** The report as its typed body. */
  static ReportBody body(OperationsReport r) {
    java.util.List<ReportBody.RuleCount> rules = new java.util.ArrayList<>();
    r.byRule().forEach((rule, n) -> rules.add(new ReportBody.RuleCount(rule, n)));
    return new ReportBody(Timestamps.format(r.fromMs()), Timestamps.format(r.untilMs()),
        new ReportBody.Alerts(r.alerts(), r.byState(), rules),
        new ReportBody.Feedback(r.truePositives(), r.falsePositives(), r.missed(),
            Double.isNaN(r.precision()) ? null : r.precision()),
        r.incidents().stream().map(a -> new ReportBody.Incident(a.id(), a.rule(),
            a.state().name().toLowerCase(Locale.ROOT), Timestamps.format(a.startsMs()),
            a.text(), a.maxProbability(), r.verdicts().get(a.id()))).toList(),
        r.noisiest().stream().map(n -> new ReportBody.NoisySeries(n.seriesId(),
            n.key().name(), n.key().labels(), n.anomalies(), n.maxProbability())).toList(),
        r.models().stream().map(m -> new ReportBody.Model(m.seriesId(),
            m.version().version(), m.version().spec().text(), m.status(), m.reasons()))
            .toList(),
        r.forecasts().stream().map(e -> new ReportBody.Forecast(e.rule(), e.key().name(),
            e.key().labels(), e.reached(), e.firing(), Double.isNaN(e.secondsToCrossing())
                ? null : e.secondsToCrossing())).toList());
  }
}
