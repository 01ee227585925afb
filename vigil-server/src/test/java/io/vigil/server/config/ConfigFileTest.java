package io.vigil.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.series.SeriesKey;
import io.vigil.server.store.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("vigil.yaml"), yaml);
  }

  @Test
  void readsEverySection() throws IOException {
    VigilConfig c = ConfigFile.load(write("""
        server:
          port: 9999
          anomalyProbability: 0.99
        detectors:
          - match: {series: "disk_.*", labels: {env: prod}}
            detector: seasonal
            warmStart: true
        hosts:
          - name: nodes
            match: {series: "node_.*"}
            groupBy: instance
        alerts:
          - name: anomaly
            match: {series: ".*"}
            for: 5m
            groupBy: [host]
            resolveAfter: 1h30m
        notifiers:
          - alertmanager: http://127.0.0.1:9093
          - webhook: http://127.0.0.1:9000/hook
            maxAttempts: 3
        pull:
          - prometheus: http://127.0.0.1:9090
            query: rate(http_requests_total[5m])
            series: http_rate
            every: 30s
        predictions:
          - name: cooling-lost
            match: {series: machine_temperature}
            limit: 50
            direction: down
            within: 6h
            history: 6h
            method: linear-trend
            confidence: 0.9
            for: 15m
          - name: disk-full
            limit: 95
            within: 3d
        models: {autoPromote: true, silenceLimit: 30m}
        """), ServerConfig.defaults());
    assertThat(c.models()).isEqualTo(new ModelSettings(true, 0.2, 0.25,
        Duration.ofMinutes(30)));
    assertThat(c.warmStartFor(io.vigil.series.SeriesKey.of("disk_io", Map.of("env", "prod"))))
        .isTrue();
    assertThat(c.warmStartFor(io.vigil.series.SeriesKey.of("cpu", Map.of()))).isFalse();
    assertThat(c.hosts()).hasSize(1);
    assertThat(c.hosts().get(0).groupBy()).isEqualTo("instance");
    assertThat(c.hosts().get(0).match().matches(io.vigil.series.SeriesKey.of("node_load1",
        Map.of("instance", "a")))).isTrue();
    PredictionRule cooling = c.predictions().get(0);
    assertThat(cooling.rising()).isFalse();
    assertThat(cooling.reached(49.9)).isTrue();
    assertThat(cooling.history()).isEqualTo(Duration.ofHours(6));
    assertThat(cooling.forDuration()).isEqualTo(Duration.ofMinutes(15));
    assertThat(cooling.coverage()).isCloseTo(0.8, org.assertj.core.api.Assertions.within(1e-12));
    PredictionRule disk = c.predictions().get(1);
    assertThat(disk.rising()).isTrue();
    assertThat(disk.history()).isEqualTo(PredictionRule.DEFAULT_HISTORY);
    assertThat(disk.method()).isEqualTo("auto");
    assertThat(disk.every()).isEqualTo(Duration.ofMinutes(5));
    assertThat(disk.forDuration()).isZero();
    assertThat(c.pulls()).hasSize(1);
    assertThat(c.pulls().get(0).every()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.pulls().get(0).step()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.pulls().get(0).series()).isEqualTo("http_rate");
    assertThat(c.server().port()).isEqualTo(9999);
    assertThat(c.server().host()).isEqualTo("127.0.0.1");
    assertThat(c.detectorFor(SeriesKey.of("disk_used", Map.of("env", "prod"))))
        .isEqualTo("seasonal");
    assertThat(c.detectorFor(SeriesKey.of("disk_used", Map.of("env", "dev"))))
        .isEqualTo("default");
    AlertRule rule = c.alerts().get(0);
    assertThat(rule.minProbability()).isEqualTo(0.99);
    assertThat(rule.forDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(rule.resolveAfter()).isEqualTo(Duration.ofMinutes(90));
    assertThat(rule.groupBy()).containsExactly("host");
    assertThat(c.notifiers()).extracting(NotifierTarget::kind).containsExactly(
        NotifierTarget.Kind.ALERTMANAGER, NotifierTarget.Kind.WEBHOOK);
    assertThat(c.notifiers().get(1).maxAttempts()).isEqualTo(3);
  }

  @Test
  void detectorRulesTakeAnySpec_countersReadTheirRate_presetsQuietTheExporter()
      throws IOException {
    VigilConfig c = ConfigFile.load(write("""
        presets: [node-exporter]
        server: {detector: "windowed-gaussian:window=500"}
        detectors:
          - match: {series: "disk_.*"}
            detector: default+time-of-day
          - match: {series: "raw_total"}
            detector: rarity
        alerts:
          - name: anomaly
        """), ServerConfig.defaults());
    assertThat(c.detectorFor(SeriesKey.of("disk_used", Map.of()))).isEqualTo(
        "default+time-of-day");
    assertThat(c.detectorFor(SeriesKey.of("raw_total", Map.of()))).isEqualTo("rarity");
    assertThat(c.detectorFor(SeriesKey.of("node_load1", Map.of()))).isEqualTo(
        "windowed-gaussian:window=500");
    for (String counter : new String[] {"node_cpu_seconds_total", "http_latency_seconds_count",
        "http_latency_seconds_bucket", "node_vmstat_pgmajfault", "node_netstat_Tcp_InSegs"}) {
      assertThat(c.detectorFor(SeriesKey.of(counter, Map.of()))).as(counter)
          .isEqualTo("windowed-gaussian:window=500+counter-rate");
    }
    assertThat(c.detectorFor(SeriesKey.of("node_netstat_Tcp_CurrEstab", Map.of())))
        .isEqualTo("windowed-gaussian:window=500");
    assertThat(c.detectorFor(SeriesKey.of("my_gauge", Map.of()), true))
        .isEqualTo("windowed-gaussian:window=500+counter-rate");
    assertThat(VigilConfig.asCounter("robust-ewma+difference")).isEqualTo(
        "robust-ewma+difference");
    AlertRule rule = c.alerts().get(0);
    assertThat(rule.match().matches(SeriesKey.of("node_load1", Map.of()))).isTrue();
    for (String internal : new String[] {"go_goroutines", "process_resident_memory_bytes",
        "node_scrape_collector_duration_seconds", "promhttp_metric_handler_requests_total"}) {
      assertThat(rule.match().matches(SeriesKey.of(internal, Map.of()))).as(internal)
          .isFalse();
    }
    VigilConfig plain = ConfigFile.load(write("alerts: [{name: a}]\n"),
        ServerConfig.defaults());
    assertThat(plain.alerts().get(0).match().matches(SeriesKey.of("go_goroutines", Map.of())))
        .isTrue();
    assertThat(plain.detectorFor(SeriesKey.of("node_vmstat_pgmajfault", Map.of())))
        .isEqualTo("default");
    assertThat(plain.detectorFor(SeriesKey.of("errors_total", Map.of())))
        .isEqualTo("default+counter-rate");
  }

  @Test
  void mistakes_areNamedWithFileLineAndKey() throws IOException {
    Path typo = write("""
        alerts:
          - name: a
            resolve_after: 5m
        """);
    assertThatThrownBy(() -> ConfigFile.load(typo, ServerConfig.defaults()))
        .hasMessage(typo + ":3: alerts[0].resolve_after: unknown key; did you mean"
            + " resolveAfter? (keys here: for, groupBy, match, minProbability, name,"
            + " resolveAfter)");
    Path badHosts = write("hosts: [{name: a, groupBy: x}, {name: a, groupBy: x},"
        + " {name: b, groupBy: 'not a label'}]\n");
    assertThatThrownBy(() -> ConfigFile.load(badHosts, ServerConfig.defaults()))
        .hasMessageContaining("hosts[1]: name: two host rules are named a")
        .hasMessageContaining("hosts[2]: groupBy: a label name is required");
    Path badDetector = write("detectors: [{detector: magic}]\n");
    assertThatThrownBy(() -> ConfigFile.load(badDetector, ServerConfig.defaults()))
        .hasMessageContaining("detectors[0].detector: unknown algorithm 'magic'");
    Path badFeature = write("detectors: [{detector: default+counter_rate}]\n");
    assertThatThrownBy(() -> ConfigFile.load(badFeature, ServerConfig.defaults()))
        .hasMessageContaining("detectors[0].detector: ").hasMessageContaining("counter_rate");
    Path badPreset = write("presets: [node_exporter]\n");
    assertThatThrownBy(() -> ConfigFile.load(badPreset, ServerConfig.defaults()))
        .hasMessageContaining("presets: unknown preset 'node_exporter': use one of"
            + " node-exporter");
    Path badRegex = write("alerts: [{name: a, match: {series: \"(\"}}]\n");
    assertThatThrownBy(() -> ConfigFile.load(badRegex, ServerConfig.defaults()))
        .hasMessageContaining("alerts[0].match.series: '(' is not a regular expression");
    Path badDuration = write("alerts: [{name: a, for: soon}]\n");
    assertThatThrownBy(() -> ConfigFile.load(badDuration, ServerConfig.defaults()))
        .hasMessageContaining("'soon' is not a duration");
    Path badDirection = write("predictions: [{name: p, limit: 1, within: 1h, direction: left}]"
        + "\n");
    assertThatThrownBy(() -> ConfigFile.load(badDirection, ServerConfig.defaults()))
        .hasMessageContaining("predictions[0]: direction: 'left' is neither up");
    Path noLimit = write("predictions: [{name: p, within: 1h}]\n");
    assertThatThrownBy(() -> ConfigFile.load(noLimit, ServerConfig.defaults()))
        .hasMessageContaining("predictions[0]: limit and within are required");
    if (System.getenv(EventPrivacy.KEY_VARIABLE) == null) {
      Path noKey = write("events: {hash: [user]}\n");
      assertThatThrownBy(() -> ConfigFile.load(noKey, ServerConfig.defaults()))
          .hasMessage(noKey + ": events.hash: hashing event fields needs a key in"
              + " $VIGIL_HASH_KEY (at least 16 characters), so that pseudonyms cannot be"
              + " reversed by guessing");
    }
    Path huge = write("server: {minFreeSpace: 999999999999999TiB}\n");
    assertThatThrownBy(() -> ConfigFile.load(huge, ServerConfig.defaults()))
        .hasMessage(huge + ": server.minFreeSpace: '999999999999999TiB' is larger than any"
            + " disk");
    Path apiPath = write("notifiers: [{alertmanager: \"http://u:pw@127.0.0.1:9093/api/v2/alerts\"}]"
        + "\n");
    assertThatThrownBy(() -> ConfigFile.load(apiPath, ServerConfig.defaults()))
        .hasMessageContaining("notifiers[0]: alertmanager: 'http://***@127.0.0.1:9093/api/v2/"
            + "alerts' is an API path: give Alertmanager's base URL (http://***@127.0.0.1:9093);"
            + " Vigil adds /api/v2/alerts");
    Path unknown = write("events: {hash: [user], salt: x}\n");
    assertThatThrownBy(() -> ConfigFile.load(unknown, ServerConfig.defaults()))
        .hasMessageContaining(unknown + ":1: events.salt: unknown key (keys here: hash)");
  }

  @Test
  void everyProblemOfTheFileIsNamedAtOnce_inVigilsWords() throws IOException {
    Path bad = write("""
        server:
          port: eighty
          detectr: default
        alerts:
          - name: a
            groupBy: host
            for: soon
        notifiers:
          - alertmanager: http://127.0.0.1:9093/api/v2/alerts
        presets: node-exporter
        """);
    assertThatThrownBy(() -> ConfigFile.load(bad, ServerConfig.defaults()))
        .hasMessage(bad + ": 6 problems:\n"
            + bad + ":2: server.port: 'eighty' is not a whole number\n"
            + bad + ":3: server.detectr: unknown key; did you mean detector? (keys here:"
            + " anomalyProbability, corsOrigins, dataDir, detector, host, maxSeries,"
            + " maxSeriesInMemory, minFreeSpace, names, port, store, storePassword, tls)\n"
            + bad + ":6: alerts[0].groupBy: expected a list, found a text\n"
            + bad + ":10: presets: expected a list, found a text\n"
            + bad + ": alerts[0]: 'soon' is not a duration: use for example 30s, 5m, 1h30m or"
            + " 2d\n"
            + bad + ": notifiers[0]: alertmanager: 'http://127.0.0.1:9093/api/v2/alerts' is"
            + " an API path: give Alertmanager's base URL (http://127.0.0.1:9093); Vigil adds"
            + " /api/v2/alerts")
        .message().doesNotContain("ArrayList", "ignorable", "java.", "Cannot deserialize");
  }

  @Test
  void modelSettingsOutOfRangeAreNamed() throws IOException {
    Path bad = write("models: {validation: 0.9}\n");
    assertThatThrownBy(() -> ConfigFile.load(bad, ServerConfig.defaults()))
        .hasMessage(bad + ": models: validation must be in (0, 0.5], was 0.9");
    Path typo = write("models:\n  autopromote: true\n");
    assertThatThrownBy(() -> ConfigFile.load(typo, ServerConfig.defaults()))
        .hasMessageStartingWith(typo + ":2: models.autopromote: unknown key; did you mean"
            + " autoPromote?");
  }

  @Test
  void retention_isReadPerKind_tooShortOrUnreadablePeriodsAreNamed() throws IOException {
    VigilConfig c = ConfigFile.load(write("retention: {points: 90d, events: forever,"
        + " alerts: 52w}\n"), ServerConfig.defaults());
    assertThat(c.retention()).isEqualTo(new Retention(java.time.Duration.ofDays(90), null,
        java.time.Duration.ofDays(364)));
    assertThat(ConfigFile.load(write("server: {port: 1}\n"), ServerConfig.defaults())
        .retention().deletes()).isFalse();
    Path bad = write("retention: {points: 10m, events: soon}\n");
    assertThatThrownBy(() -> ConfigFile.load(bad, ServerConfig.defaults()))
        .hasMessageContaining("retention.events: 'soon' is not a duration");
    Path shortOne = write("retention: {points: 10m}\n");
    assertThatThrownBy(() -> ConfigFile.load(shortOne, ServerConfig.defaults()))
        .hasMessageContaining("retention.points: 10 minutes is shorter than the shortest"
            + " allowed, 1h");
  }

  @Test
  void browserNamesAndCorsOrigins_areRead_andAPathIsNotAnOrigin() throws IOException {
    VigilConfig c = ConfigFile.load(write("server: {names: [Vigil.Example], corsOrigins:"
        + " [\"https://grafana.example/\"]}\n"), ServerConfig.defaults());
    assertThat(c.server().browser().names()).containsExactly("vigil.example");
    assertThat(c.server().browser().corsOrigins()).containsExactly("https://grafana.example");
    Path bad = write("server: {corsOrigins: [\"https://grafana.example/d/1\"]}\n");
    assertThatThrownBy(() -> ConfigFile.load(bad, ServerConfig.defaults()))
        .hasMessageContaining("server.corsOrigins: 'https://grafana.example/d/1' is not an"
            + " origin");
  }

  @Test
  void store_isEmbeddedByDefault_orAPostgresUrl_withItsPasswordFromASecret() throws IOException {
    assertThat(ConfigFile.load(write("server: {port: 9000}\n"), ServerConfig.defaults())
        .server().store().embedded()).isTrue();
    Path secret = dir.resolve("db-password");
    Files.writeString(secret, "s3cret\n");
    VigilConfig c = ConfigFile.load(write("server:\n  store: postgresql://vigil@db.example:6543/"
        + "metrics?sslmode=require\n  storePassword: {file: " + secret + "}\n"),
        ServerConfig.defaults());
    StoreLocation s = c.server().store();
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/metrics?sslmode=require");
    assertThat(s.user()).isEqualTo("vigil");
    assertThat(s.password()).isEqualTo("s3cret");
    assertThat(s.toString()).doesNotContain("s3cret");
    // a password in the URL wins, and is decoded
    assertThat(StoreLocation.parse("postgresql://vigil:p%40ss@db/m", "other").password())
        .isEqualTo("p@ss");
    Path bad = write("server: {store: \"mysql://root:hunter2@db/m\"}\n");
    assertThatThrownBy(() -> ConfigFile.load(bad, ServerConfig.defaults()))
        .hasMessageContaining("server.store: the store must be 'sqlite' or a PostgreSQL URL")
        .hasMessageNotContaining("hunter2");
    Path noDatabase = write("server: {store: \"postgresql://db.example\"}\n");
    assertThatThrownBy(() -> ConfigFile.load(noDatabase, ServerConfig.defaults()))
        .hasMessageContaining("needs a host and a database");
  }
}
