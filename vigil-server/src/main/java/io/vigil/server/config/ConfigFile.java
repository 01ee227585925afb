package io.vigil.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.forecast.Forecasters;
import io.vigil.server.config.ConfigDocument.Alert;
import io.vigil.server.config.ConfigDocument.BasicAuth;
import io.vigil.server.config.ConfigDocument.ClientTls;
import io.vigil.server.config.ConfigDocument.Detector;
import io.vigil.server.config.ConfigDocument.Document;
import io.vigil.server.config.ConfigDocument.Host;
import io.vigil.server.config.ConfigDocument.Match;
import io.vigil.server.config.ConfigDocument.Notifier;
import io.vigil.server.config.ConfigDocument.Prediction;
import io.vigil.server.config.ConfigDocument.Pull;
import io.vigil.server.config.ConfigDocument.Server;
import io.vigil.server.config.ConfigDocument.Tls;
import io.vigil.server.store.StoreLocation;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code vigil serve --config FILE} (YAML). Unknown keys are errors, and every error
 * names the file, the line and the key, so a typo never silently falls back to a default.
 *
 * <pre>
 * server:     {host: 127.0.0.1, port: 8080, dataDir: vigil-data, detector: default,
 *              anomalyProbability: 0.999, minFreeSpace: 64MiB, maxSeries: 1000000,
 *              maxSeriesInMemory: 40000, tls: {certificate: crt.pem, key: key.pem},
 *              names: [vigil.example.com], corsOrigins: ["https://grafana.example.com"]}
 * detectors:  [{match: {series: "disk_.*", labels: {env: prod}}, detector: seasonal,
 *               warmStart: true}]
 * hosts:      [{name: nodes, match: {series: "node_.*"}, groupBy: instance}]
 * alerts:     [{name: anomaly, match: {series: ".*"}, minProbability: 0.999, for: 0s,
 *               groupBy: [host], resolveAfter: 15m}]
 * notifiers:  [{alertmanager: "http://127.0.0.1:9093"}, {webhook: "http://…", maxAttempts: 5,
 *               bearerToken: {file: /run/secrets/hook}, tls: {caFile: ca.pem}}]
 * pull:       [{prometheus: "http://127.0.0.1:9090", query: "rate(x_total[5m])",
 *               series: x_rate, every: 1m, step: 1m}]
 * predictions: [{name: disk-full, match: {series: disk_used_percent}, limit: 95,
 *               direction: up, within: 3d, history: 28d, method: linear-trend,
 *               confidence: 0.8, every: 5m, for: 30m}]
 * events:     {hash: [user, ip]}      # key from $VIGIL_HASH_KEY
 * models:     {autoPromote: false, validation: 0.2, driftLimit: 0.25, silenceLimit: 1h}
 * presets:    [node-exporter]
 * retention:  {points: 90d, events: 30d, alerts: 365d}   # unset or forever: kept
 * </pre>
 */
public final class ConfigFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ConfigFile() {}

  /**
   * The configuration in {@code file}, on top of {@code base} (the command line's settings,
   * which the file's server section overrides).
   *
   * @throws IllegalArgumentException naming every problem of the file, each with its line
   *     (for what binding finds) and key
   */
  public static VigilConfig load(Path file, ServerConfig base) {
    String text;
    try {
      text = java.nio.file.Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
    return read(text, file.toString(), base);
  }

  /**
   * The configuration in {@code yaml} (a file's content, named {@code where} in problems), on
   * top of {@code base}: for a job that carries the file's text to where it runs.
   *
   * @throws IllegalArgumentException naming every problem, as {@link #load} does
   */
  public static VigilConfig read(String yaml, String where, ServerConfig base) {
    ConfigProblems problems = new ConfigProblems(where);
    Document d;
    try {
      d = YAML.readerFor(Document.class).withHandler(problems).readValue(yaml);
    } catch (JsonMappingException e) {
      // What the handler cannot recover from (a value that fits nowhere): said in words.
      problems.throwIfAny();
      throw new IllegalArgumentException(where + ":" + line(e) + ": "
          + ConfigProblems.path(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser
              p ? p.getParsingContext() : null) + ": this value does not fit here", e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(where + ":" + (e.getLocation() == null ? 0
          : e.getLocation().getLineNr()) + ": not YAML: " + e.getOriginalMessage(), e);
    }
    if (d == null) {
      problems.throwIfAny();
      return VigilConfig.of(base);
    }
    VigilConfig config = build(d, base, problems);
    problems.throwIfAny();
    return config;
  }

  /** The line of the offending key or value: where its token starts, not where it ends. */
  private static int line(JsonMappingException e) {
    if (e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p
        && p.currentTokenLocation() != null) {
      return p.currentTokenLocation().getLineNr();
    }
    return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
  }

  /**
   * {@code check}'s value, or null after adding its problem, prefixed by {@code at} unless
   * it names its place already.
   */
  private static <T> T checked(ConfigProblems problems, String at,
      java.util.function.Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      problems.add(at.isEmpty() || m.startsWith(at) ? m : at + ": " + m);
      return null;
    }
  }

  private static io.vigil.server.config.ServerTls tls(Tls t) {
    if (t.certificate == null || t.key == null) {
      throw new IllegalArgumentException("server.tls: both certificate and key (PEM files)"
          + " are required");
    }
    return new io.vigil.server.config.ServerTls(Path.of(t.certificate), Path.of(t.key));
  }

  private static StoreLocation store(Server s) {
    try {
      return StoreLocation.parse(s.store, s.storePassword == null ? null
          : Secrets.read(s.storePassword, "server.storePassword"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage().startsWith("server.") ? e.getMessage()
          : "server.store: " + e.getMessage(), e);
    }
  }

  private static VigilConfig build(Document d, ServerConfig base, ConfigProblems problems) {
    ServerConfig server = base;
    if (d.server != null) {
      Server s = d.server;
      ServerConfig built = checked(problems, "", () -> new ServerConfig(
          s.host != null ? s.host : base.host(),
          s.port != null ? s.port : base.port(),
          s.dataDir != null ? Path.of(s.dataDir) : base.dataDir(),
          s.detector != null ? known(s.detector, "server.detector") : base.detector(),
          s.anomalyProbability != null ? s.anomalyProbability : base.anomalyProbability(),
          base.maxBodyBytes(), base.maxPointsPerRequest(), base.maxConcurrentIngests(),
          base.checkpointEvery(),
          s.minFreeSpace != null ? bytes(s.minFreeSpace, "server.minFreeSpace")
              : base.minFreeBytes(),
          s.maxSeries != null ? positive(s.maxSeries, "server.maxSeries") : base.maxSeries(),
          s.maxSeriesInMemory != null ? (int) positive(s.maxSeriesInMemory,
              "server.maxSeriesInMemory") : base.maxSeriesInMemory(),
          s.tls != null ? tls(s.tls) : base.tls(),
          s.names != null || s.corsOrigins != null ? new io.vigil.server.config.BrowserAccess(
              s.names != null ? s.names : base.browser().names(),
              s.corsOrigins != null ? s.corsOrigins : base.browser().corsOrigins())
              : base.browser(),
          s.store != null ? store(s) : base.store()));
      if (built != null) {
        server = built;
      }
    }
    ServerConfig settings = server;
    List<DetectorRule> detectors = new ArrayList<>();
    for (int i = 0; d.detectors != null && i < d.detectors.size(); i++) {
      Detector r = d.detectors.get(i);
      String at = "detectors[" + i + "]";
      DetectorRule rule = r == null ? null : checked(problems, at, () -> {
        if (r.detector == null) {
          throw new IllegalArgumentException(at + ".detector: required");
        }
        return new DetectorRule(selector(r.match, at), known(r.detector, at + ".detector"),
            Boolean.TRUE.equals(r.warmStart));
      });
      if (rule != null) {
        detectors.add(rule);
      }
    }
    List<HostRule> hosts = new ArrayList<>();
    java.util.Set<String> hostNames = new java.util.HashSet<>();
    for (int i = 0; d.hosts != null && i < d.hosts.size(); i++) {
      Host h = d.hosts.get(i);
      String at = "hosts[" + i + "]";
      HostRule rule = h == null ? null : checked(problems, at, () -> {
        HostRule r = new HostRule(h.name, selector(h.match, at), h.groupBy);
        if (!hostNames.add(r.name())) {
          throw new IllegalArgumentException("name: two host rules are named " + r.name());
        }
        return r;
      });
      if (rule != null) {
        hosts.add(rule);
      }
    }
    List<AlertRule> alerts = new ArrayList<>();
    for (int i = 0; d.alerts != null && i < d.alerts.size(); i++) {
      Alert a = d.alerts.get(i);
      String at = "alerts[" + i + "]";
      AlertRule rule = a == null ? null : checked(problems, at,
          () -> new AlertRule(a.name, selector(a.match, at),
              a.minProbability != null ? a.minProbability : settings.anomalyProbability(),
              duration(a.forDuration, Duration.ZERO),
              a.groupBy, duration(a.resolveAfter, Duration.ofMinutes(15))));
      if (rule != null) {
        alerts.add(rule);
      }
    }
    List<NotifierTarget> notifiers = new ArrayList<>();
    for (int i = 0; d.notifiers != null && i < d.notifiers.size(); i++) {
      Notifier n = d.notifiers.get(i);
      NotifierTarget target = n == null ? null : checked(problems, "notifiers[" + i + "]",
          () -> {
            if ((n.alertmanager == null) == (n.webhook == null)) {
              throw new IllegalArgumentException("give exactly one of alertmanager, webhook");
            }
            try {
              return new NotifierTarget(n.alertmanager != null
                  ? NotifierTarget.Kind.ALERTMANAGER : NotifierTarget.Kind.WEBHOOK,
                  new URI(n.alertmanager != null ? n.alertmanager : n.webhook),
                  n.maxAttempts != null ? n.maxAttempts : 5,
                  outbound(n.bearerToken, n.basicAuth, n.tls));
            } catch (URISyntaxException e) {
              throw new IllegalArgumentException(e.getMessage(), e);
            }
          });
      if (target != null) {
        notifiers.add(target);
      }
    }
    List<PullQuery> pulls = new ArrayList<>();
    for (int i = 0; d.pull != null && i < d.pull.size(); i++) {
      Pull q = d.pull.get(i);
      PullQuery pull = q == null ? null : checked(problems, "pull[" + i + "]", () -> {
        if (q.prometheus == null) {
          throw new IllegalArgumentException("prometheus: required (its base URL)");
        }
        Duration every = duration(q.every, Duration.ofMinutes(1));
        try {
          return new PullQuery(new URI(q.prometheus), q.query, every,
              duration(q.step, every), q.series, outbound(q.bearerToken, q.basicAuth, q.tls));
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
      });
      if (pull != null) {
        pulls.add(pull);
      }
    }
    List<PredictionRule> predictions = new ArrayList<>();
    for (int i = 0; d.predictions != null && i < d.predictions.size(); i++) {
      Prediction q = d.predictions.get(i);
      String at = "predictions[" + i + "]";
      PredictionRule rule = q == null ? null : checked(problems, at, () -> {
        if (q.limit == null || q.within == null) {
          throw new IllegalArgumentException("limit and within are required");
        }
        String method = q.method == null ? Forecasters.AUTO : q.method;
        try {
          if (!method.equals(Forecasters.AUTO)) {
            Forecasters.requireKnown(method);
          }
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("method: " + e.getMessage() + " (or auto: chosen"
              + " by backtest on each series)", e);
        }
        boolean rising = switch (q.direction == null ? "up" : q.direction) {
          case "up" -> true;
          case "down" -> false;
          default -> throw new IllegalArgumentException("direction: '" + q.direction
              + "' is neither up (the limit is reached from below) nor down");
        };
        return new PredictionRule(q.name, selector(q.match, at), q.limit, rising,
            Durations.parse(q.within), duration(q.history, PredictionRule.DEFAULT_HISTORY),
            method, q.confidence == null ? 0.5 : q.confidence,
            duration(q.every, Duration.ofMinutes(5)), duration(q.forDuration, Duration.ZERO));
      });
      if (rule != null) {
        predictions.add(rule);
      }
    }
    EventPrivacy privacy = EventPrivacy.NONE;
    if (d.events != null && d.events.hash != null && !d.events.hash.isEmpty()) {
      EventPrivacy p = checked(problems, "events.hash", () -> new EventPrivacy(
          java.util.Set.copyOf(d.events.hash), System.getenv(EventPrivacy.KEY_VARIABLE)));
      privacy = p == null ? EventPrivacy.NONE : p;
    }
    ModelSettings models = ModelSettings.DEFAULTS;
    if (d.models != null) {
      ModelSettings m = ModelSettings.DEFAULTS;
      ModelSettings read = checked(problems, "models", () -> new ModelSettings(
          d.models.autoPromote == null ? m.autoPromote() : d.models.autoPromote,
          d.models.validation == null ? m.validationFraction() : d.models.validation,
          d.models.driftLimit == null ? m.driftLimit() : d.models.driftLimit,
          duration(d.models.silenceLimit, m.silenceLimit())));
      models = read == null ? m : read;
    }
    List<Preset> presets = checked(problems, "presets",
        () -> Preset.named(d.presets == null ? List.of() : d.presets));
    VigilConfig config = checked(problems, "", () -> new VigilConfig(settings, detectors,
        alerts, notifiers, pulls, predictions, EventPrivacy.NONE, ModelSettings.DEFAULTS,
        List.of()));
    if (config == null) {
      return null;
    }
    Retention retention = d.retention == null ? Retention.KEEP : checked(problems, "",
        () -> new Retention(retentionOf(d.retention.points, "points"),
            retentionOf(d.retention.events, "events"),
            retentionOf(d.retention.alerts, "alerts")));
    return new VigilConfig(settings, detectors, alerts, notifiers, pulls, predictions, privacy,
        models, presets == null ? List.of() : presets, hosts,
        retention == null ? Retention.KEEP : retention);
  }

  /**
   * The outbound settings, their files checked now (so a wrong CA path stops the start, not
   * the first alert) and their secrets read.
   */
  private static OutboundHttp outbound(Object bearerToken, BasicAuth basic, ClientTls tls) {
    if (bearerToken != null && basic != null) {
      throw new IllegalArgumentException("give bearerToken or basicAuth, not both");
    }
    String authorization = null;
    if (bearerToken != null) {
      authorization = "Bearer " + Secrets.read(bearerToken, "bearerToken");
    } else if (basic != null) {
      if (basic.username == null || basic.password == null) {
        throw new IllegalArgumentException("basicAuth: username and password are required");
      }
      authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
          (basic.username + ":" + Secrets.read(basic.password, "basicAuth.password"))
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    OutboundHttp http = tls == null ? new OutboundHttp(null, null, null, authorization)
        : new OutboundHttp(path(tls.caFile), path(tls.certFile), path(tls.keyFile),
            authorization);
    try {
      http.client();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tls: " + e.getMessage(), e);
    }
    return http;
  }

  private static Duration retentionOf(String text, String kind) {
    if (text == null || text.equals("forever")) {
      return null;
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("retention." + kind + ": " + e.getMessage()
          + " (or forever)", e);
    }
  }

  private static Path path(String p) {
    return p == null ? null : Path.of(p);
  }

  private static SeriesSelector selector(Match m, String at) {
    if (m == null) {
      return SeriesSelector.all();
    }
    try {
      return new SeriesSelector(m.series, m.labels);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ".match." + e.getMessage(), e);
    }
  }

  /** The detector spec as written once the registry accepts it, else an error naming why. */
  private static String known(String detector, String at) {
    try {
      DetectorSpec.parse(detector);
      return detector.strip();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
    }
  }

  /** A size such as {@code 64MB}, {@code 2GiB} or a number of bytes. */
  static long bytes(String text, String at) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "(\\d{1,15})\\s*(B|KB|KiB|MB|MiB|GB|GiB|TB|TiB)?").matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(at + ": '" + text + "' is not a size: use for"
          + " example 64MB, 2GiB or a number of bytes");
    }
    long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
      case "KB" -> 1000L;
      case "KiB" -> 1L << 10;
      case "MB" -> 1000_000L;
      case "MiB" -> 1L << 20;
      case "GB" -> 1000_000_000L;
      case "GiB" -> 1L << 30;
      case "TB" -> 1000_000_000_000L;
      case "TiB" -> 1L << 40;
      default -> 1L;
    };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(at + ": '" + text + "' is larger than any disk", e);
    }
  }

  private static long positive(long n, String at) {
    if (n < 1) {
      throw new IllegalArgumentException(at + ": must be at least 1, was " + n);
    }
    return n;
  }

  private static Duration duration(String text, Duration otherwise) {
    return text == null ? otherwise : Durations.parse(text);
  }
}
