package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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

  private interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  private static ByteString message(Writer w) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    w.write(out);
    out.flush();
    return ByteString.copyFrom(bytes.toByteArray());
  }

  /** A WriteRequest with one series of samples (value, timestamp ms). */
  private static byte[] writeRequest(Map<String, String> labels, double[] values, long[] times)
      throws IOException {
    ByteString series = message(out -> {
      for (Map.Entry<String, String> l : labels.entrySet()) {
        out.writeBytes(1, message(o -> {
          o.writeString(1, l.getKey());
          o.writeString(2, l.getValue());
        }));
      }
      for (int i = 0; i < values.length; i++) {
        int k = i;
        out.writeBytes(2, message(o -> {
          o.writeDouble(1, values[k]);
          o.writeInt64(2, times[k]);
        }));
      }
    });
    return Snappy.compress(message(out -> out.writeBytes(1, series)).toByteArray());
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
        .contains("vigil_remote_write_samples_dropped_total 1.0");
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
