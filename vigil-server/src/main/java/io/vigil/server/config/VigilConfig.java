package io.vigil.server.config;

import io.vigil.series.SeriesKey;
import io.vigil.server.ServerConfig;
import java.util.List;

/**
 * Everything {@code vigil serve} runs with.
 *
 * @param server address, store and limits
 * @param detectors per-series detector choice, first match wins, else the server's detector
 * @param alerts alert rules
 * @param notifiers where alerts go
 * @param pulls PromQL queries to evaluate on an interval
 * @param predictions predictive alert rules
 * @param eventPrivacy which event fields are stored as pseudonyms
 * @param models how trained models are promoted and monitored
 */
public record VigilConfig(ServerConfig server, List<DetectorRule> detectors,
    List<AlertRule> alerts, List<NotifierTarget> notifiers, List<PullQuery> pulls,
    List<PredictionRule> predictions, EventPrivacy eventPrivacy, ModelSettings models) {
  public VigilConfig {
    detectors = List.copyOf(detectors);
    alerts = List.copyOf(alerts);
    notifiers = List.copyOf(notifiers);
    pulls = List.copyOf(pulls);
    predictions = List.copyOf(predictions);
    java.util.Set<String> names = new java.util.HashSet<>();
    for (String n : java.util.stream.Stream.concat(alerts.stream().map(AlertRule::name),
        predictions.stream().map(PredictionRule::name)).toList()) {
      if (!names.add(n)) {
        throw new IllegalArgumentException("two alert or prediction rules are named '" + n
            + "': names must be unique");
      }
    }
  }

  /** With the default model settings. */
  public VigilConfig(ServerConfig server, List<DetectorRule> detectors, List<AlertRule> alerts,
      List<NotifierTarget> notifiers, List<PullQuery> pulls, List<PredictionRule> predictions,
      EventPrivacy eventPrivacy) {
    this(server, detectors, alerts, notifiers, pulls, predictions, eventPrivacy,
        ModelSettings.DEFAULTS);
  }

  /** Storing event fields as they come. */
  public VigilConfig(ServerConfig server, List<DetectorRule> detectors, List<AlertRule> alerts,
      List<NotifierTarget> notifiers, List<PullQuery> pulls, List<PredictionRule> predictions) {
    this(server, detectors, alerts, notifiers, pulls, predictions, EventPrivacy.NONE);
  }

  /** Without pulls or predictions. */
  public VigilConfig(ServerConfig server, List<DetectorRule> detectors, List<AlertRule> alerts,
      List<NotifierTarget> notifiers) {
    this(server, detectors, alerts, notifiers, List.of(), List.of());
  }

  /** Just the server settings: default detector, no alerts. */
  public static VigilConfig of(ServerConfig server) {
    return new VigilConfig(server, List.of(), List.of(), List.of());
  }

  /** The detector for a new series: the first matching rule's, else the server's. */
  public String detectorFor(SeriesKey key) {
    for (DetectorRule r : detectors) {
      if (r.match().matches(key)) {
        return r.detector();
      }
    }
    return server.detector();
  }
}
