package io.vigil.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * What {@link DashboardBrowserTest} feeds the service and how it reads the pages' canvases:
 * a NAB series, generated hosts with a CPU jump, and a probe of the chart's pixels.
 */
final class DashboardFixtures {
  static final long MINUTE = 60_000;

  private DashboardFixtures() {}

  /** NAB's EC2 request latency series, moved to end {@code endMs}, 5 minutes apart. */
  static String nab(long endMs) throws Exception {
    Path file = Path.of(System.getProperty("vigil.datasets", "../datasets"), "nab", "data",
        "realKnownCause", "ec2_request_latency_system_failure.csv");
    if (!Files.exists(file)) {
      file = Path.of(file + ".gz");
    }
    List<Double> values = new ArrayList<>();
    try (Reader r = file.toString().endsWith(".gz")
        ? new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
            StandardCharsets.UTF_8) : Files.newBufferedReader(file);
        BufferedReader in = new BufferedReader(r)) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        values.add(Double.parseDouble(line.split(",")[1]));
      }
    }
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      b.append(i == 0 ? "" : ",").append("{\"series\":\"ec2_request_latency\",\"labels\":"
          + "{\"host\":\"ec2-a\"},\"timestamp\":").append(endMs - (values.size() - 1 - i) * 5
          * MINUTE).append(",\"value\":").append(values.get(i)).append('}');
    }
    return b.append(']').toString();
  }

  /**
   * Four hosts' CPU and latency a minute apart for two days up to {@code endMs}; web3's CPU
   * jumps from 40% to 95% for the last {@code spikeMinutes}.
   */
  static String hosts(long endMs, int spikeMinutes) {
    Random random = new Random(5);
    StringBuilder b = new StringBuilder("[");
    int n = 2 * 24 * 60;
    for (int h = 1; h <= 4; h++) {
      for (int i = 0; i < n; i++) {
        long t = endMs - (n - 1 - i) * MINUTE;
        double daily = Math.sin(2 * Math.PI * i / 1440.0);
        double cpu = 40 + 8 * daily + 2 * random.nextGaussian();
        if (h == 3 && i >= n - spikeMinutes) {
          cpu = 95 + random.nextGaussian();
        }
        double latency = 0.12 + 0.02 * daily + 0.005 * random.nextGaussian();
        b.append(b.length() == 1 ? "" : ",")
            .append("{\"series\":\"cpu_percent\",\"labels\":{\"host\":\"web").append(h)
            .append("\"},\"timestamp\":").append(t).append(",\"value\":").append(cpu)
            .append("},{\"series\":\"api_latency_seconds\",\"labels\":{\"host\":\"web")
            .append(h).append("\"},\"timestamp\":").append(t).append(",\"value\":")
            .append(latency).append('}');
      }
    }
    return b.append(']').toString();
  }

  /** How much of the chart is drawn, and how many columns show a band-coloured run. */
  static final String BAND_PROBE = """
      const c = document.querySelector('#chart canvas');
      const g = c.getContext('2d');
      const d = g.getImageData(0, 0, c.width, c.height).data;
      const bg = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
      let nonBlank = 0, red = 0, columns = 0, withBand = 0;
      for (let x = Math.floor(c.width * 0.15); x < c.width * 0.95; x += 5) {
        columns++;
        let run = 0, best = 0;
        for (let y = 0; y < c.height; y++) {
          const i = (y * c.width + x) * 4;
          const [r, gg, b, a] = [d[i], d[i + 1], d[i + 2], d[i + 3]];
          if (a === 0) { run = 0; continue; }
          // the band: translucent blue over the page, bluer than it is red
          const bluish = b > r + 8 && a < 255;
          run = bluish ? run + 1 : 0;
          best = Math.max(best, run);
        }
        if (best >= 2) withBand++;
      }
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] > 0) nonBlank++;
        if (d[i] > 180 && d[i + 1] < 90 && d[i + 2] < 90 && d[i + 3] > 200) red++;
      }
      return {nonBlank, redPixels: red, columns, columnsWithBand: withBand};
      """;

  /** The first alert on web3 whose incident began at or after {@code fromMs}, waited for. */
  static JsonNode web3AlertFrom(HttpClientSupport http, long fromMs) throws Exception {
    for (int i = 0; i < 100; i++) {
      for (JsonNode a : http.get("/api/v1/alerts").json().get("alerts")) {
        if (a.get("labels").path("host").asText().equals("web3")
            && java.time.Instant.parse(a.get("startsAt").asText()).toEpochMilli() >= fromMs) {
          return a;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no alert on web3 from " + java.time.Instant.ofEpochMilli(fromMs));
  }
}
