package io.vigil.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The configuration file's YAML as Jackson reads it: one plain class per section, every
 * field optional (null when absent), nothing checked. {@link ConfigFile} turns it into a
 * checked {@link VigilConfig} and names every problem.
 *
 * <p>Plain classes with fields rather than records: Jackson binds records through their
 * constructor, buffering each object, which moves error lines to its end.
 */
final class ConfigDocument {
  private ConfigDocument() {}

  static final class Server {
    public String host;
    public Integer port;
    public String dataDir;
    public String detector;
    public Double anomalyProbability;
    public String minFreeSpace;
    public Long maxSeries;
    public Integer maxSeriesInMemory;
    public Tls tls;
    public List<String> names;
    public List<String> corsOrigins;
    /** Where the data is kept: sqlite (default) or a PostgreSQL URL. */
    public String store;
    /** The PostgreSQL password, when not in the URL: a string, {env: NAME} or {file: PATH}. */
    public Object storePassword;
  }

  static final class Tls {
    public String certificate;
    public String key;
  }

  static final class Match {
    public String series;
    public Map<String, String> labels;
  }

  static final class Detector {
    public Match match;
    public String detector;
    public Boolean warmStart;
  }

  static final class Host {
    public String name;
    public Match match;
    public String groupBy;
  }

  static final class Alert {
    public String name;
    public Match match;
    public Double minProbability;
    @JsonProperty("for") public String forDuration;
    public List<String> groupBy;
    public String resolveAfter;
  }

  static final class Notifier {
    public String alertmanager;
    public String webhook;
    public Integer maxAttempts;
    public Object bearerToken;
    public BasicAuth basicAuth;
    public ClientTls tls;
  }

  static final class Pull {
    public String prometheus;
    public String query;
    public String every;
    public String step;
    public String series;
    public Object bearerToken;
    public BasicAuth basicAuth;
    public ClientTls tls;
  }

  static final class BasicAuth {
    public String username;
    public Object password;
  }

  static final class ClientTls {
    public String caFile;
    public String certFile;
    public String keyFile;
  }

  static final class Prediction {
    public String name;
    public Match match;
    public Double limit;
    public String direction;
    public String within;
    public String history;
    public String method;
    public Double confidence;
    public String every;
    @JsonProperty("for") public String forDuration;
  }

  static final class Events {
    public List<String> hash;
  }

  static final class Models {
    public Boolean autoPromote;
    public Double validation;
    public Double driftLimit;
    public String silenceLimit;
  }

  static final class Document {
    public Server server;
    public List<Detector> detectors;
    public List<Host> hosts;
    public List<Alert> alerts;
    public List<Notifier> notifiers;
    public List<Pull> pull;
    public List<Prediction> predictions;
    public Events events;
    public Models models;
    public List<String> presets;
    public RetentionSettings retention;
  }

  static final class RetentionSettings {
    public String points;
    public String events;
    public String alerts;
  }
}
