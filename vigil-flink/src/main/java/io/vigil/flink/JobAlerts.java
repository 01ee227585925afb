package io.vigil.flink;

import io.vigil.series.SeriesKey;
import io.vigil.series.Timestamps;
import io.vigil.server.alert.AlertEvaluator;
import io.vigil.server.config.AlertRule;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Alerts from the job, in Prometheus' way: each assessment at or above a matching rule's
 * probability becomes an Alertmanager alert with the labels the service's alert would carry
 * ({@link AlertEvaluator#labels}), starting at the point's time and ending {@code
 * resolveAfter} later. Alertmanager groups and deduplicates them by labels; while anomalies go
 * on each one pushes the end further, and an alert nothing renews resolves at its end. Unlike
 * the service, the job does not hold an alert pending for the rule's {@code for}, follow
 * incidents between anomalies or rank probable origins: those need every series of a group in
 * one place, which the service has and a job spread by series does not.
 */
public final class JobAlerts implements FlatMapFunction<Assessed, String> {
  private static final long serialVersionUID = 1L;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private final DetectorChoice config;

  public JobAlerts(DetectorChoice config) {
    this.config = config;
  }

  @Override
  public void flatMap(Assessed a, Collector<String> out) throws Exception {
    SeriesKey key = null;
    for (AlertRule rule : config.alertRules()) {
      if (a.probability < rule.minProbability()) {
        continue;
      }
      key = key == null ? a.seriesKey() : key;
      if (rule.match().matches(key)) {
        out.collect(alert(rule, key, a));
      }
    }
  }

  /** One alert of Alertmanager's v2 API, as JSON. */
  static String alert(AlertRule rule, SeriesKey key, Assessed a) {
    var alert = JSON.createObjectNode();
    var labels = alert.putObject("labels");
    for (Map.Entry<String, String> e : AlertEvaluator.labels(rule, key).entrySet()) {
      labels.put(e.getKey(), e.getValue());
    }
    var annotations = alert.putObject("annotations");
    annotations.put("summary", String.format(Locale.ROOT, "%s is %s: %s, expected about %s",
        key, a.direction.equals("DIP") ? "low" : "high", number(a.value), number(a.expected)));
    annotations.put("probability", String.format(Locale.ROOT, "%.6f", a.probability));
    annotations.put("detector", a.detector);
    alert.put("startsAt", Timestamps.format(a.timestampMs));
    alert.put("endsAt", Timestamps.format(a.timestampMs + rule.resolveAfter().toMillis()));
    return alert.toString();
  }

  private static String number(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "unknown";
  }
}
