package io.vigil.flink;

import io.vigil.series.SeriesKey;
import io.vigil.server.config.ConfigFile;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.config.VigilConfig;
import java.io.Serializable;

/**
 * Which detector a new series gets: the {@code detectors:} rules of the service's
 * configuration file, read exactly as {@code vigil serve} reads them (first matching rule,
 * else the default detector, or its counter form for a counter by name); and its alert rules
 * and Alertmanagers. It carries the file's text, so the choice made on the cluster is the one
 * made where the job was built.
 */
public final class DetectorChoice implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String yaml;
  private final String where;
  private transient VigilConfig config;

  private DetectorChoice(String yaml, String where) {
    this.yaml = yaml;
    this.where = where;
    config(); // a bad file fails where the job is built, naming its problems
  }

  /** The service's defaults: the default detector for every series. */
  public static DetectorChoice defaults() {
    return new DetectorChoice(null, null);
  }

  /**
   * The rules of a configuration file's text ({@code where} names it in problems).
   *
   * @throws IllegalArgumentException naming every problem of the file
   */
  public static DetectorChoice of(String yaml, String where) {
    return new DetectorChoice(yaml, where);
  }

  private VigilConfig config() {
    if (config == null) {
      config = yaml == null ? VigilConfig.of(ServerConfig.defaults())
          : ConfigFile.read(yaml, where, ServerConfig.defaults());
    }
    return config;
  }

  /** The detector spec for {@code key}. */
  public String detectorFor(SeriesKey key) {
    return config().detectorFor(key);
  }

  /** The configuration's alert rules. */
  public java.util.List<io.vigil.server.config.AlertRule> alertRules() {
    return config().alerts();
  }

  /** The configuration's Alertmanagers (its webhooks are the service's to call). */
  public java.util.List<io.vigil.server.config.NotifierTarget> alertmanagers() {
    return config().notifiers().stream().filter(n -> n.kind()
        == io.vigil.server.config.NotifierTarget.Kind.ALERTMANAGER).toList();
  }
}
