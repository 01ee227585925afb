package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.config.ServerConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/**
 * A bounded fuzz campaign against the real server: 3,000 requests, each a valid request to an
 * ingest or mutating endpoint (or a reading one with parameters) damaged at random (cut,
 * characters flipped or inserted, values swapped for extreme ones, wrong content types,
 * random bytes). No answer may be a 5xx, none may name a Java class, and a batch stored
 * before the campaign must read back exactly as it was. Seeded, so a failure repeats.
 */
class FuzzTest {
  private static final int REQUESTS = 3000;
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01
  private static final String[] EXTREMES = {"1e400", "-1e400", "NaN", "null", "true", "[]",
      "{}", "\"\"", "-1", "0", "99999999999999999999", "\"+999999999-12-31T23:59:59Z\"",
      "\"-999999999-01-01T00:00:00Z\"", "\"99999999999999d\"", "\"(.*a){12}$\"", "\"(\"",
      "1.5", "\"\\u0000\"", "\"" + "x".repeat(5000) + "\"", "[[[[[[[[[[]]]]]]]]]]"};

  @TempDir Path dir;

  private record Template(String method, String path, String type, String body) {}

  private static List<Template> templates() {
    String point = "{\"series\":\"fuzz\",\"labels\":{\"host\":\"a\"},\"timestamp\":\"2026-01-02T"
        + "00:00:00Z\",\"value\":1.5}";
    return List.of(
        new Template("POST", "/api/v1/points", "application/json", "[" + point + "]"),
        new Template("POST", "/api/v1/import?series=fuzz_import&label=host:a", "text/csv",
            "timestamp,value\n2026-01-02T00:00:00Z,1\n2026-01-02T00:01:00Z,2\n"),
        new Template("POST", "/api/v1/events", "application/x-ndjson",
            "{\"timestamp\":\"2026-01-02T00:00:00Z\",\"user\":\"u\",\"ip\":\"10.0.0.1\"}\n"),
        new Template("POST", "/api/v1/events", "text/csv",
            "timestamp,user,ip\n2026-01-02T00:00:00Z,u,10.0.0.1\n"),
        new Template("POST", "/api/v1/silences", "application/json",
            "{\"matchers\":{\"host\":\"web.*\"},\"duration\":\"2h\",\"comment\":\"x\"}"),
        new Template("DELETE", "/api/v1/silences/1", null, ""),
        new Template("POST", "/api/v1/feedback", "application/json",
            "{\"verdict\":\"missed\",\"series\":1,\"from\":\"2026-01-01T00:00:00Z\","
                + "\"to\":\"2026-01-01T01:00:00Z\"}"),
        new Template("POST", "/api/v1/models/train?wait=true", "application/json",
            "{\"series\":1,\"candidates\":[\"robust-ewma\"]}"),
        new Template("POST", "/api/v1/models/1/promote", "application/json", "{\"by\":\"x\"}"),
        new Template("POST", "/api/v1/models/1/shadow", "application/json", "{}"),
        new Template("DELETE", "/api/v1/models/1/shadow", null, ""),
        new Template("POST", "/api/v1/series/1/rollback", "application/json", "{}"),
        new Template("POST", "/api/v1/series/1/retune", "application/json", "{}"),
        new Template("GET", "/api/v1/series/1/points?from=2026-01-01T00:00:00Z&limit=10", null,
            ""),
        new Template("GET", "/api/v1/anomalies?minProbability=0.5&from=0", null, ""),
        new Template("GET", "/api/v1/series/1/forecast?horizon=1h&limit=5", null, ""),
        new Template("GET", "/api/v1/series/1/error-budget?objective=0.999&window=1d", null,
            ""),
        new Template("GET", "/api/v1/behaviour?entity=user&recent=1h&baseline=1d", null, ""),
        new Template("GET", "/api/v1/alerts?state=firing&limit=5", null, ""));
  }

  /** One damaged variant of {@code text}. */
  private static String mutate(String text, Random r) {
    StringBuilder b = new StringBuilder(text);
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits && b.length() > 0; e++) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(6)) {
        case 0 -> b.setLength(at); // cut
        case 1 -> b.setCharAt(at, (char) (r.nextBoolean() ? r.nextInt(128) : r.nextInt(0xFFFF)));
        case 2 -> b.insert(at, EXTREMES[r.nextInt(EXTREMES.length)]);
        case 3 -> b.deleteCharAt(at);
        case 4 -> b.insert(at, b.substring(at, Math.min(b.length(), at + 1 + r.nextInt(40))));
        default -> {
          // replace a value after a colon or an equals sign by an extreme one
          int sep = Math.max(b.lastIndexOf(":", at), b.lastIndexOf("=", at));
          if (sep >= 0) {
            int end = sep + 1;
            while (end < b.length() && ",}&\n".indexOf(b.charAt(end)) < 0) {
              end++;
            }
            b.replace(sep + 1, end, EXTREMES[r.nextInt(EXTREMES.length)]);
          }
        }
      }
    }
    return b.toString();
  }

  private static final String[] TYPES = {"application/json", "text/csv", "text/plain",
      "application/x-ndjson", "application/x-protobuf", "", "application/json; charset=latin1"};

  @Test
  void thousandsOfDamagedRequests_neverA5xx_andEarlierDataStaysIntact() throws Exception {
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      StringBuilder batch = new StringBuilder("[");
      Random values = new Random(1);
      for (int i = 0; i < 300; i++) {
        batch.append(i == 0 ? "" : ",").append("{\"series\":\"kept\",\"timestamp\":")
            .append(T0 + i * 60_000L).append(",\"value\":").append(values.nextGaussian())
            .append('}');
      }
      assertThat(http.post("/api/v1/points", batch.append(']').toString()).status())
          .isEqualTo(200);
      String before = http.get("/api/v1/series/1/points?from=2026-01-01T00:00:00Z").body();

      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String base = "http://127.0.0.1:" + server.port();
      Random r = new Random(17);
      List<Template> templates = templates();
      TreeMap<String, Integer> statuses = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      for (int n = 0; n < REQUESTS; n++) {
        Template t = templates.get(r.nextInt(templates.size()));
        String path = t.path();
        String body = t.body();
        int what = r.nextInt(10);
        if (what < 6) {
          body = mutate(body, r);
        } else if (what < 8) {
          int q = path.indexOf('?');
          String query = mutate(q < 0 ? "from=0&to=1&limit=1&horizon=1h"
              : path.substring(q + 1), r);
          path = (q < 0 ? path : path.substring(0, q)) + "?" + URLEncoder.encode(query,
              StandardCharsets.UTF_8).replace("%3D", "=").replace("%26", "&");
        }
        String type = r.nextInt(8) == 0 ? TYPES[r.nextInt(TYPES.length)] : t.type();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60));
        if (type != null && !type.isEmpty()) {
          req.header("Content-Type", type);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(20) == 0) { // random bytes, as remote write or as anything
          bytes = new byte[r.nextInt(300)];
          r.nextBytes(bytes);
          if (r.nextBoolean()) {
            bytes = Snappy.compress(bytes);
          }
          path = r.nextBoolean() ? "/api/v1/write" : t.path();
          req.uri(URI.create(base + path));
        }
        HttpRequest request = switch (t.method()) {
          case "GET" -> req.GET().build();
          case "DELETE" -> req.DELETE().build();
          default -> req.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        };
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        statuses.merge(t.method() + " " + path.replaceAll("\\?.*", "") + " "
            + answer.statusCode(), 1, Integer::sum);
        if (answer.statusCode() >= 500 || answer.body().matches("(?s).*(java\\.|Exception).*")) {
          failures.add(answer.statusCode() + " " + t.method() + " " + path + " " + body
              + " -> " + answer.body());
        }
      }
      System.out.println("fuzz answers by route and status: " + statuses);
      assertThat(failures).as("answers that were 5xx or named Java (of %d): %s", REQUESTS,
          statuses).isEmpty();
      assertThat(http.get("/healthz").status()).isEqualTo(200);
      JsonNode after = HttpClientSupport.JSON.readTree(
          http.get("/api/v1/series/1/points?from=2026-01-01T00:00:00Z").body());
      assertThat(after.get("points")).isEqualTo(HttpClientSupport.JSON.readTree(before)
          .get("points"));
      assertThat(after.get("points")).hasSize(300);
    }
  }
}
