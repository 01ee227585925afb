package io.vigil.server.report;

import io.vigil.series.SeriesKey;
import io.vigil.series.Timestamps;
import io.vigil.server.alert.AlertView;
import io.vigil.server.alert.PredictiveEvaluator;
import io.vigil.server.model.ModelHealth;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page (styles inline, no script, no outside link), so
 * it can be mailed, archived or printed as it is; printing drops the page's colours.
 */
public final class ReportPage {
  private ReportPage() {}

  private static final String STYLE = """
      body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#111827;
      padding:0 1rem}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.8rem;
      border-bottom:1px solid #e5e7eb;padding-bottom:.2rem}table{border-collapse:collapse;
      width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e5e7eb;
      vertical-align:top}th{font-size:.8rem;color:#6b7280}td.n{text-align:right;
      font-variant-numeric:tabular-nums}.muted{color:#6b7280}.figures{display:flex;gap:2rem;
      flex-wrap:wrap}.figure b{display:block;font-size:1.6rem}.bad{color:#b91c1c}
      @media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}}
      """;

  /** The page. */
  public static String html(OperationsReport r) {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vigil"
        + " report ").append(day(r.fromMs())).append(" to ").append(day(r.untilMs()))
        .append("</title><style>").append(STYLE).append("</style></head><body>\n");
    h.append("<h1>Vigil report: ").append(day(r.fromMs())).append(" to ")
        .append(day(r.untilMs())).append("</h1>\n<p class=\"muted\">From ")
        .append(Timestamps.format(r.fromMs())).append(" to ").append(Timestamps.format(
            r.untilMs())).append(".</p>\n");

    h.append("<div class=\"figures\">");
    figure(h, Integer.toString(r.alerts()), "alerts began");
    figure(h, Double.isNaN(r.precision()) ? "–" : String.format(Locale.ROOT, "%.0f%%",
        100 * r.precision()), "precision from feedback (" + r.truePositives() + " true, "
        + r.falsePositives() + " false)");
    figure(h, Integer.toString(r.missed()), "incidents reported missed");
    figure(h, Long.toString(r.models().stream().filter(m -> !m.ok())
        .count()), "models needing attention");
    h.append("</div>\n");

    h.append("<h2>Alert volume</h2>\n");
    if (r.alerts() == 0) {
      h.append("<p class=\"muted\">No alert began in the period.</p>\n");
    } else {
      h.append("<p>By state now: ").append(join(r.byState())).append(".</p>\n<table><tr>"
          + "<th>Rule</th><th class=\"n\">Alerts</th></tr>\n");
      r.byRule().forEach((rule, n) -> h.append("<tr><td>").append(esc(rule))
          .append("</td><td class=\"n\">").append(n).append("</td></tr>\n"));
      h.append("</table>\n");
    }

    h.append("<h2>Incidents</h2>\n");
    if (r.incidents().isEmpty()) {
      h.append("<p class=\"muted\">None.</p>\n");
    } else {
      h.append("<table><tr><th>Alert</th><th>Began</th><th>State</th><th>Summary</th>"
          + "<th>Verdict</th></tr>\n");
      for (AlertView a : r.incidents()) {
        h.append("<tr><td>#").append(a.id()).append(' ').append(esc(a.rule()))
            .append("</td><td>").append(Timestamps.format(a.startsMs())).append("</td><td>")
            .append(a.state().name().toLowerCase(Locale.ROOT)).append("</td><td>")
            .append(esc(a.text())).append("</td><td>")
            .append(esc(r.verdicts().getOrDefault(a.id(), "–"))).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    h.append("<h2>Noisiest series</h2>\n");
    if (r.noisiest().isEmpty()) {
      h.append("<p class=\"muted\">No anomalies in the period.</p>\n");
    } else {
      h.append("<table><tr><th>Series</th><th class=\"n\">Anomalies</th>"
          + "<th class=\"n\">Highest probability</th></tr>\n");
      for (OperationsReport.Noisy n : r.noisiest()) {
        h.append("<tr><td>").append(esc(name(n.key()))).append("</td><td class=\"n\">")
            .append(n.anomalies()).append("</td><td class=\"n\">")
            .append(String.format(Locale.ROOT, "%.6f", n.maxProbability()))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    h.append("<h2>Model health</h2>\n");
    if (r.models().isEmpty()) {
      h.append("<p class=\"muted\">No series has a promoted model.</p>\n");
    } else {
      h.append("<table><tr><th>Series</th><th>Version</th><th>Status</th><th>Why</th></tr>\n");
      for (ModelHealth m : r.models()) {
        h.append("<tr><td>").append(m.seriesId()).append("</td><td>v")
            .append(m.version().version()).append(' ').append(esc(m.version().spec().text()))
            .append("</td><td").append(m.ok() ? ">" : " class=\"bad\">")
            .append(esc(m.status())).append("</td><td>")
            .append(esc(String.join("; ", m.reasons()))).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    h.append("<h2>Capacity forecasts</h2>\n");
    if (r.forecasts().isEmpty()) {
      h.append("<p class=\"muted\">No prediction rule has an estimate.</p>\n");
    } else {
      h.append("<table><tr><th>Rule</th><th>Series</th><th>Limit reached</th></tr>\n");
      for (PredictiveEvaluator.Estimate e : r.forecasts()) {
        double s = e.secondsToCrossing();
        h.append("<tr><td>").append(esc(e.rule())).append("</td><td>").append(esc(name(
            e.key()))).append("</td><td").append(e.firing() ? " class=\"bad\">" : ">")
            .append(e.reached() ? "already" : Double.isNaN(s) ? "not within the horizon"
                : "in " + span(s)).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  private static void figure(StringBuilder h, String value, String what) {
    h.append("<div class=\"figure\"><b>").append(esc(value)).append("</b>").append(esc(what))
        .append("</div>");
  }

  private static String join(Map<String, Integer> counts) {
    StringBuilder b = new StringBuilder();
    counts.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(v).append(' ')
        .append(esc(k)));
    return b.toString();
  }

  static String name(SeriesKey key) {
    StringBuilder b = new StringBuilder(key.name());
    if (!key.labels().isEmpty()) {
      b.append('{');
      key.labels().forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ", ")
          .append(k).append("=\"").append(v).append('"'));
      b.append('}');
    }
    return b.toString();
  }

  private static String span(double seconds) {
    if (seconds < 7200) {
      return Math.round(seconds / 60) + " min";
    }
    if (seconds < 172_800) {
      return Math.round(seconds / 3600) + " h";
    }
    return Math.round(seconds / 86_400) + " days";
  }

  private static String day(long ms) {
    return Timestamps.format(ms).substring(0, 10);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
