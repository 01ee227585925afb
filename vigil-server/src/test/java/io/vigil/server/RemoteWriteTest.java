package io.vigil.server;

import static io.vigil.server.RemoteWriteRequests.metadata;
import static io.vigil.server.RemoteWriteRequests.request;
import static io.vigil.server.RemoteWriteRequests.timeSeries;
import static io.vigil.server.RemoteWriteRequests.writeRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/** Prometheus remote write, with bodies built as Prometheus builds them. */
class RemoteWriteTest {
  @TempDir Path dir;
  private VigilServer server;
  private HttpClientSupport http;

  @BeforeEach
  void start() {
    server = VigilServer.start(ServerConfig.defaults().withAddress("127.0.0.1", 0)
        .withDataDir(dir));
    http = new HttpClientSupport(server.port());
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private int post(byte[] body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + server.port() + "/api/v1/write"))
        .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
        .header("X-Prometheus-Remote-Write-Version", "0.1.0")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void samplesArriveAsPointsOfTheirSeries_staleMarkersLeftOut() throws Exception {
    double stale = Double.longBitsToDouble(0x7ff0000000000002L); // Prometheus' staleness NaN
    byte[] body = writeRequest(Map.of("__name__", "node_load1", "instance", "db1:9100",
        "job", "node"), new double[] {0.5, 0.7, stale, 0.6},
        new long[] {1_700_000_000_000L, 1_700_000_015_000L, 1_700_000_030_000L,
            1_700_000_045_000L});
    assertThat(post(body)).isEqualTo(204);
    JsonNode series = http.get("/api/v1/series").json().get("series").get(0);
    assertThat(series.get("series").asText()).isEqualTo("node_load1");
    assertThat(series.get("labels").get("instance").asText()).isEqualTo("db1:9100");
    assertThat(series.get("points").asInt()).isEqualTo(3);
    assertThat(http.get("/metrics").body())
        .contains("vigil_remote_write_samples_dropped_total{reason=\"stale\"} 1.0")
        .contains("vigil_remote_write_samples_dropped_total{reason=\"not_finite\"} 0.0");
  }

  @Test
  void zeroIsAValue_notAStalenessMarker() throws Exception {
    long t0 = 1_700_000_000_000L;
    byte[] body = request(List.of(
        timeSeries(Map.of("__name__", "up", "job", "node"), new double[] {0, 0, 1},
            new long[] {t0, t0 + 15_000, t0 + 30_000}),
        timeSeries(Map.of("__name__", "node_load1"), new double[] {0, 0.5, -0.0, Double.NaN},
            new long[] {t0, t0 + 15_000, t0 + 30_000, t0 + 45_000})), List.of());
    assertThat(post(body)).isEqualTo(204);
    JsonNode list = http.get("/api/v1/series").json().get("series");
    assertThat(list).hasSize(2);
    JsonNode up = list.get(0);
    assertThat(up.get("series").asText()).isEqualTo("up");
    assertThat(up.get("points").asInt()).isEqualTo(3);
    JsonNode points = http.get("/api/v1/series/" + up.get("id").asLong()
        + "/points?from=2023-11-14T00:00:00Z").json().get("points");
    assertThat(points.get(0).get("value").asDouble()).isEqualTo(0.0);
    assertThat(points.get(1).get("value").asDouble()).isEqualTo(0.0);
    assertThat(points.get(2).get("value").asDouble()).isEqualTo(1.0);
    assertThat(list.get(1).get("points").asInt()).isEqualTo(3);
    assertThat(http.get("/metrics").body())
        .contains("vigil_remote_write_samples_dropped_total{reason=\"stale\"} 0.0")
        .contains("vigil_remote_write_samples_dropped_total{reason=\"not_finite\"} 1.0");
  }

  @Test
  void countersAreJudgedByTheirRate_byNameOrByMetadata() throws Exception {
    long t0 = 1_700_000_000_000L;
    // Prometheus sends metadata in requests of its own.
    assertThat(post(request(List.of(), List.of(metadata(1, "myapp_requests", ""),
        metadata(2, "pg_stat_activity_count", ""), metadata(3, "rpc_duration_seconds",
            "seconds"))))).isEqualTo(204);
    double[] v = {1, 2};
    long[] t = {t0, t0 + 15_000};
    assertThat(post(request(List.of(
        timeSeries(Map.of("__name__", "node_network_receive_bytes_total"), v, t),
        timeSeries(Map.of("__name__", "myapp_requests"), v, t),
        timeSeries(Map.of("__name__", "pg_stat_activity_count"), v, t),
        timeSeries(Map.of("__name__", "rpc_duration_seconds_count"), v, t),
        timeSeries(Map.of("__name__", "node_load1"), v, t)), List.of()))).isEqualTo(204);
    Map<String, String> detectors = new java.util.TreeMap<>();
    http.get("/api/v1/series").json().get("series").forEach(s ->
        detectors.put(s.get("series").asText(), s.get("detector").asText()));
    assertThat(detectors).containsExactlyInAnyOrderEntriesOf(Map.of(
        "node_network_receive_bytes_total", "default+counter-rate",
        "myapp_requests", "default+counter-rate",
        "pg_stat_activity_count", "default",
        "rpc_duration_seconds_count", "default+counter-rate",
        "node_load1", "default"));
  }

  @Test
  void brokenBodies_get400_andTheServerKeepsServing() throws Exception {
    assertThat(post("not snappy at all".getBytes())).isEqualTo(400);
    assertThat(post(Snappy.compress(new byte[] {0x0a, 0x7f, 0x01}))).isEqualTo(400);
    byte[] noName = writeRequest(Map.of("job", "x"), new double[] {1}, new long[] {1});
    assertThat(post(noName)).isEqualTo(400);
    assertThat(http.get("/healthz").status()).isEqualTo(200);
  }
}
