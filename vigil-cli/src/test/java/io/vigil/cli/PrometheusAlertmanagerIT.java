package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop against real servers from Debian's packages, all on 127.0.0.1: Prometheus
 * scrapes a test exporter and remote-writes to {@code vigil serve}; the exporter's value
 * jumps; Vigil's alert rule fires and the alert arrives in Alertmanager.
 */
class PrometheusAlertmanagerIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();
  private HttpServer exporter;
  private final HttpClient client = HttpClient.newHttpClient();
  private volatile double exported = 10;

  @AfterEach
  void stopAll() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
    }
    if (exporter != null) {
      exporter.stop(0);
    }
  }

  /**
   * Skips the test, saying why, when Debian's servers are not installed: a fresh clone on a
   * machine without root runs everything else. {@code scripts/install-test-servers.sh}
   * installs them (as root; CI's .ci/run does).
   */
  static void requireInstalled(String... commands) throws Exception {
    for (String c : commands) {
      Process p = new ProcessBuilder("sh", "-c", "command -v " + c).start();
      boolean found = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
      org.junit.jupiter.api.Assumptions.assumeTrue(found, "skipped: " + c + " is not"
          + " installed (scripts/install-test-servers.sh installs it, as root)");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Process run(String name, String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    processes.add(p);
    return p;
  }

  /** A bearer token sent with every read of Vigil, once the test has made one. */
  private String readToken;

  private String get(String url) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (readToken != null) {
      b.header("Authorization", "Bearer " + readToken);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Makes a token in Vigil's data directory with {@code vigil token create}. */
  private String token(String name, String role) throws Exception {
    Process p = new ProcessBuilder("java", "-jar", System.getProperty("vigil.jar"), "token",
        "create", "--name", name, "--role", role, "--data-dir",
        dir.resolve("vigil-data").toString()).redirectError(dir.resolve("token.log").toFile())
        .start();
    String token = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(Files.readString(dir.resolve("token.log"))).isZero();
    return token;
  }

  private void awaitUp(String url, String name) throws Exception {
    long end = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < end) {
      try {
        if (client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError(name + " did not come up; log:\n"
        + Files.readString(dir.resolve(name + ".log")));
  }

  /** Starts {@code vigil serve} with dir/vigil.yaml on a free port, which it returns. */
  private int startVigil() throws IOException {
    Process vigil = new ProcessBuilder("java", "-jar", System.getProperty("vigil.jar"), "serve",
        "--config", dir.resolve("vigil.yaml").toString(), "--port", "0", "--data-dir",
        dir.resolve("vigil-data").toString()).redirectError(dir.resolve("vigil.log").toFile())
        .start();
    processes.add(vigil);
    String line = new BufferedReader(new InputStreamReader(vigil.getInputStream(),
        StandardCharsets.UTF_8)).readLine();
    assertThat(line).as("vigil serve output").isNotNull().contains("listening on");
    return Integer.parseInt(line.replaceAll(".*:(\\d+) .*", "$1"));
  }

  /**
   * Starts Prometheus scraping {@code target} every second as job {@code job} and
   * remote-writing to Vigil; returns its port.
   */
  private int startPrometheus(String job, String target, int vigilPort) throws Exception {
    return startPrometheus(job, target, vigilPort, null);
  }

  /** As above, sending {@code token} with Prometheus' own {@code authorization} setting. */
  private int startPrometheus(String job, String target, int vigilPort, String token)
      throws Exception {
    int prom = freePort();
    Files.writeString(dir.resolve("prometheus.yml"), """
        global: {scrape_interval: 1s}
        scrape_configs:
          - job_name: %s
            static_configs: [{targets: ['%s']}]
        remote_write:
          - url: http://127.0.0.1:%d/api/v1/write
            queue_config: {batch_send_deadline: 1s}
        """.formatted(job, target, vigilPort) + (token == null ? "" : """
            authorization: {credentials: '%s'}
        """.formatted(token)));
    run("prometheus", "prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("prom-data"),
        "--web.listen-address=127.0.0.1:" + prom);
    awaitUp("http://127.0.0.1:" + prom + "/-/ready", "prometheus");
    return prom;
  }

  private int probePoints(int vigilPort) throws Exception {
    for (JsonNode s : JSON.readTree(get("http://127.0.0.1:" + vigilPort + "/api/v1/series"))
        .get("series")) {
      if (s.get("series").asText().equals("probe_value")) {
        return s.get("points").asInt();
      }
    }
    return 0;
  }

  @Test
  void prometheusRemoteWrites_vigilDetects_alertmanagerReceives() throws Exception {
    requireInstalled("prometheus", "prometheus-alertmanager");

    int am = freePort();
    Files.writeString(dir.resolve("am.yml"), """
        route: {receiver: blackhole, group_wait: 1s, group_interval: 1s}
        receivers: [{name: blackhole}]
        """);
    run("alertmanager", "prometheus-alertmanager", "--config.file=" + dir.resolve("am.yml"),
        "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + am,
        "--cluster.listen-address=");
    awaitUp("http://127.0.0.1:" + am + "/-/ready", "alertmanager");

    exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    exporter.createContext("/metrics", ex -> {
      byte[] body = ("# TYPE probe_value gauge\nprobe_value " + exported + "\n")
          .getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    exporter.start();
    String instance = "127.0.0.1:" + exporter.getAddress().getPort();

    Files.writeString(dir.resolve("vigil.yaml"), """
        alerts:
          - name: probe-anomaly
            match: {series: probe_value}
            minProbability: 0.999
        notifiers:
          - alertmanager: http://127.0.0.1:%d
        """.formatted(am));
    int vigilPort = startVigil();

    // History for the series Prometheus will write, so the detector has learnt it already.
    Random random = new Random(3);
    long now = System.currentTimeMillis();
    StringBuilder history = new StringBuilder("[");
    for (int i = 0; i < 3000; i++) {
      history.append(i == 0 ? "" : ",").append("{\"series\":\"probe_value\",\"labels\":"
          + "{\"instance\":\"").append(instance).append("\",\"job\":\"probe\"},\"timestamp\":")
          .append(now - (3000 - i) * 1000L - 10_000).append(",\"value\":")
          .append(10 + random.nextGaussian() * 0.5).append('}');
    }
    var loaded = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + vigilPort
        + "/api/v1/points")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(history.append(']').toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);

    startPrometheus("probe", instance, vigilPort);

    // Ten normal samples reach Vigil through Prometheus first, then the jump.
    long end = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < end && probePoints(vigilPort) < 3010) {
      exported = 10 + random.nextGaussian() * 0.5;
      Thread.sleep(200);
    }
    assertThat(probePoints(vigilPort)).as("samples remote-written by Prometheus")
        .isGreaterThanOrEqualTo(3010);
    exported = 60;

    JsonNode found = null;
    end = System.currentTimeMillis() + 90_000;
    while (found == null && System.currentTimeMillis() < end) {
      for (JsonNode a : JSON.readTree(get("http://127.0.0.1:" + am + "/api/v2/alerts"))) {
        if (a.path("labels").path("alertname").asText().equals("probe-anomaly")) {
          found = a;
        }
      }
      Thread.sleep(500);
    }
    assertThat(found).as("alert in Alertmanager; vigil log:\n%s",
        Files.readString(dir.resolve("vigil.log"))).isNotNull();
    assertThat(found.get("labels").get("vigil_series").asText()).isEqualTo("probe_value");
    assertThat(found.get("labels").get("job").asText()).isEqualTo("probe");
    assertThat(found.get("annotations").get("summary").asText()).contains("spike to 60");
  }

  @Test
  void nodeExporterThroughPrometheus_everySeriesArrives_zerosIncluded_countersAsRates()
      throws Exception {
    requireInstalled("prometheus", "prometheus-node-exporter");
    int ne = freePort();
    run("node-exporter", "prometheus-node-exporter", "--web.listen-address=127.0.0.1:" + ne);
    awaitUp("http://127.0.0.1:" + ne + "/metrics", "node-exporter");
    Files.writeString(dir.resolve("vigil.yaml"), """
        presets: [node-exporter]
        alerts:
          - name: anomaly
        """);
    // With tokens: Prometheus writes with its own authorization setting, reads need a viewer.
    String writer = token("prometheus", "writer");
    String viewer = token("reader", "viewer");
    int vigilPort = startVigil();
    int prom = startPrometheus("node", "127.0.0.1:" + ne, vigilPort, writer);
    assertThat(get("http://127.0.0.1:" + vigilPort + "/api/v1/series")).contains("valid API"
        + " token is required");
    readToken = viewer;

    // Every series Prometheus has of the job reaches Vigil, those at 0 included (proto3
    // leaves a 0 off the wire; they were once read as staleness markers and dropped).
    int inPrometheus = 0;
    Map<String, JsonNode> inVigil = new java.util.HashMap<>();
    long end = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < end) {
      JsonNode count = JSON.readTree(get("http://127.0.0.1:" + prom
          + "/api/v1/query?query=count(%7Bjob%3D%22node%22%7D)")).path("data").path("result");
      inPrometheus = count.isEmpty() ? 0 : count.get(0).get("value").get(1).asInt();
      inVigil.clear();
      for (JsonNode s : JSON.readTree(get("http://127.0.0.1:" + vigilPort + "/api/v1/series"))
          .get("series")) {
        if ("node".equals(s.path("labels").path("job").asText())) {
          inVigil.put(s.get("series").asText() + s.get("labels"), s);
        }
      }
      if (inPrometheus > 100 && inVigil.size() >= inPrometheus) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(inPrometheus).as("series node_exporter gives Prometheus").isGreaterThan(100);
    assertThat(inVigil.size()).as("of %d in Prometheus", inPrometheus)
        .isGreaterThanOrEqualTo(inPrometheus);
    assertThat(inVigil.values()).as("series whose latest value is 0")
        .anyMatch(s -> s.path("lastValue").asDouble(-1) == 0.0);
    for (JsonNode s : inVigil.values()) {
      String name = s.get("series").asText();
      String detector = s.get("detector").asText();
      if (name.endsWith("_total") || name.startsWith("node_vmstat_pg")) {
        assertThat(detector).as(name).isEqualTo("default+counter-rate");
      } else if (name.equals("node_load1") || name.equals("up")) {
        assertThat(detector).as(name).isEqualTo("default");
      }
    }
  }
}
