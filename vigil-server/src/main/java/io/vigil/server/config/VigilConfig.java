package io.vigil.server.config;

import io.vigil.series.SeriesKey;
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
 * @param presets exporters' settings switched on (counters, quiet series)
 * @param hosts host rules: series grouped into rows judged together
 * @param retention how long each kind of data is kept
 */
public record VigilConfig(ServerConfig server, List<DetectorRule> detectors,
    List<AlertRule> alerts, List<NotifierTarget> notifiers, List<PullQuery> pulls,
    List<PredictionRule> predictions, EventPrivacy eventPrivacy, ModelSettings models,
    List<Preset> presets, List<HostRule> hosts, Retention retention) {
  /** The feature a counter is read through, unless its detector already reads changes. */
  public static final String COUNTER_FEATURE = "counter-rate";

  public VigilConfig {
    presets = List.copyOf(presets);
    hosts = List.copyOf(hosts);
    java.util.Objects.requireNonNull(retention, "retention");
    detectors = List.copyOf(detectors);
    List<SeriesSelector> quiet = presets.stream().flatMap(p -> p.quiet().stream()).toList();
    alerts = alerts.stream().map(r -> r.watching(r.match().except(quiet))).toList();
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

  /** Keeping everything. */
  public VigilConfig(ServerConfig server, List<DetectorRule> detectors,
      List<AlertRule> alerts, List<NotifierTarget> notifiers, List<PullQuery> pulls,
      List<PredictionRule> predictions, EventPrivacy eventPrivacy, ModelSettings models,
      List<Preset> presets, List<HostRule> hosts) {
    this(server, detectors, alerts, notifiers, pulls, predictions, eventPrivacy, models,
        presets, hosts, Retention.KEEP);
  }

  /** This configuration deleting data as {@code rules} says. */
  public VigilConfig withRetention(Retention rules) {
    return new VigilConfig(server, detectors, alerts, notifiers, pulls, predictions,
        eventPrivacy, models, presets, hosts, rules);
  }

  /** Without host rules. */
  public VigilConfig(ServerConfig server, List<DetectorRule> detectors,
      List<AlertRule> alerts, List<NotifierTarget> notifiers, List<PullQuery> pulls,
      List<PredictionRule> predictions, EventPrivacy eventPrivacy, ModelSettings models,
      List<Preset> presets) {
    this(server, detectors, alerts, notifiers, pulls, predictions, eventPrivacy, models,
        presets, List.of());
  }

  /** This configuration with {@code rules} as its host rules. */
  public VigilConfig withHosts(List<HostRule> rules) {
    return new VigilConfig(server, detectors, alerts, notifiers, pulls, predictions,
        eventPrivacy, models, presets, rules, retention);
  }

  /** Without presets. */
  public VigilConfig(ServerConfig server, List<DetectorRule> detectors,
      List<AlertRule> alerts, List<NotifierTarget> notifiers, List<PullQuery> pulls,
      List<PredictionRule> predictions, EventPrivacy eventPrivacy, ModelSettings models) {
    this(server, detectors, alerts, notifiers, pulls, predictions, eventPrivacy, models,
        List.of());
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

  /** This configuration with other server settings (the command line's). */
  public VigilConfig withServer(ServerConfig settings) {
    return new VigilConfig(settings, detectors, alerts, notifiers, pulls, predictions,
        eventPrivacy, models, presets, hosts, retention);
  }

  /** Just the server settings: default detector, no alerts. */
  public static VigilConfig of(ServerConfig server) {
    return new VigilConfig(server, List.of(), List.of(), List.of());
  }

  /**
   * The detector spec for a new series: the first matching rule's as written; else the
   * server's, read through {@value #COUNTER_FEATURE} when the series is a counter (by its
   * name or metadata, {@code counter}, or by a preset), since a counter's raw value only
   * climbs and its band would say nothing.
   */
  public String detectorFor(SeriesKey key, boolean counter) {
    for (DetectorRule r : detectors) {
      if (r.match().matches(key)) {
        return r.detector();
      }
    }
    boolean isCounter = counter || presets.stream()
        .anyMatch(p -> p.counters().stream().anyMatch(s -> s.matches(key)));
    return isCounter ? asCounter(server.detector()) : server.detector();
  }

  /** Whether a new series starts from a sibling's history: its first matching rule says. */
  public boolean warmStartFor(SeriesKey key) {
    for (DetectorRule r : detectors) {
      if (r.match().matches(key)) {
        return r.warmStart();
      }
    }
    return false;
  }

  /** The detector for a new series judged by its name alone. */
  public String detectorFor(SeriesKey key) {
    return detectorFor(key, io.vigil.series.MetricNaming.counterByName(key.name()));
  }

  /** {@code spec} reading a counter's rate, unless it already reads changes of the value. */
  static String asCounter(String spec) {
    List<String> features = io.vigil.detect.catalog.DetectorSpec.parse(spec).features();
    boolean readsChanges = features.stream().anyMatch(f -> f.equals("difference")
        || f.equals("rate") || f.equals(COUNTER_FEATURE));
    return readsChanges ? spec : spec + "+" + COUNTER_FEATURE;
  }


}
