package io.vigil.server.model;

import io.vigil.model.series.ProbabilityHistogram;
import io.vigil.server.config.ModelSettings;
import io.vigil.server.engine.ModelMonitor;
import io.vigil.server.registry.ModelVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The health of a series' champion model: its recent alert rate against the rate it had on
 * its validation data, the drift of its recent probabilities from that data's (population
 * stability index), when it was trained, and how long the series has been silent. It is
 * {@code degraded} when the drift passes the configured limit (judged once it has seen
 * {@value #MIN_POINTS_FOR_DRIFT} points) or the silence does, else {@code ok}.
 *
 * @param seriesId the series
 * @param version the champion
 * @param points recent scored points looked at
 * @param alertRate the share of them flagged
 * @param trainingAlertRate the share flagged on the validation data
 * @param drift PSI of recent probabilities against the validation data's; NaN before
 *     {@value #MIN_POINTS_FOR_DRIFT} points
 * @param lastTrainingMs when the version was trained
 * @param lastTimestampMs the newest point's timestamp (Long.MIN_VALUE: none)
 * @param silentMs how long since the series' last point arrived
 * @param status {@code ok} or {@code degraded}
 * @param reasons why degraded, in words
 */
public record ModelHealth(long seriesId, ModelVersion version, int points, double alertRate,
    double trainingAlertRate, double drift, long lastTrainingMs, long lastTimestampMs,
    long silentMs, String status, List<String> reasons) {
  /** The status of a champion with nothing to report. */
  public static final String OK = "ok";

  /** Whether nothing is wrong with it. */
  public boolean ok() {
    return OK.equals(status);
  }

  /** Points needed before drift is judged: fewer give a noisy index. */
  public static final int MIN_POINTS_FOR_DRIFT = 200;

  /** Judges a champion as monitoring sees it now. */
  public static ModelHealth of(ModelMonitor m, ModelSettings settings, long nowMs) {
    ModelVersion v = m.version();
    double drift = m.points() < MIN_POINTS_FOR_DRIFT ? Double.NaN
        : ProbabilityHistogram.ofCounts(m.spread()).psi(
            ProbabilityHistogram.ofCounts(v.validation().spread()));
    long silent = Math.max(0, nowMs - m.lastArrivalMs());
    List<String> reasons = new ArrayList<>();
    if (drift > settings.driftLimit()) {
      reasons.add(String.format(java.util.Locale.ROOT, "score drift %.3f is above the limit"
          + " %.3f: the series no longer looks like the data the model was trained on;"
          + " retrain it", drift, settings.driftLimit()));
    }
    if (silent > settings.silenceLimit().toMillis()) {
      reasons.add("no point for " + silent / 1000 + " s, above the limit of "
          + settings.silenceLimit().toSeconds() + " s");
    }
    return new ModelHealth(m.seriesId(), v, m.points(),
        m.points() == 0 ? Double.NaN : (double) m.alerts() / m.points(),
        v.validation().alertRate(), drift, v.createdMs(), m.lastTimestampMs(), silent,
        reasons.isEmpty() ? OK : "degraded", List.copyOf(reasons));
  }
}
