package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feedback makes a series' alerts better: small incidents the default threshold misses are
 * marked as missed, the threshold retunes to them, and the incidents that come later are
 * caught. The F1 figures are counted here, from the detector run offline, by brute force.
 */
class ModelFeedbackTest {
  private static final long START = 1_700_000_000_000L;
  private static final long STEP = 60_000;
  private static final int N = 3000;
  private static final int LABELLED = 2400;

  @TempDir Path dir;

  /** N(100, 5) every minute; from point 450, every 100th starts 3 points at 113 (2.6 SD). */
  private static double[] values() {
    Random r = new Random(11);
    double[] v = new double[N];
    for (int i = 0; i < N; i++) {
      v[i] = 100 + 5 * r.nextGaussian();
    }
    for (int s = 450; s + 3 < N; s += 100) {
      for (int i = s; i < s + 3; i++) {
        v[i] = 113;
      }
    }
    return v;
  }

  private static boolean incident(int i) {
    return i >= 450 && (i - 450) % 100 < 3;
  }

  /** F1 of "probability at least t" on points from..to-1, counted point by point. */
  private static double f1(double[] p, double t, int from, int to) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int i = from; i < to; i++) {
      boolean flagged = p[i] >= t;
      tp += flagged && incident(i) ? 1 : 0;
      fp += flagged && !incident(i) ? 1 : 0;
      fn += !flagged && incident(i) ? 1 : 0;
    }
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  private static String batch(double[] v, int from, int to) {
    StringBuilder b = new StringBuilder("[");
    for (int i = from; i < to; i++) {
      b.append(i == from ? "" : ",").append("{\"series\":\"queue_depth\",\"timestamp\":")
          .append(START + i * STEP).append(",\"value\":").append(v[i]).append('}');
    }
    return b.append(']').toString();
  }

  @Test
  void missedIncidentsRetuneTheThreshold_andLaterIncidentsAreCaught() {
    double[] v = values();
    // The live detector, run here on its own.
    StreamingDetector d = DetectorSpec.of("windowed-gaussian").create();
    double[] p = new double[N];
    for (int i = 0; i < N; i++) {
      p[i] = d.process(START + i * STEP, v[i]).probability();
    }
    // The best F1 on the labelled part by trying every probability as the cut (ties: the
    // highest cut, fewest alerts).
    double bestF1 = 0;
    double bestCut = Double.NaN;
    for (int i = 0; i < LABELLED; i++) {
      double f = f1(p, p[i], 0, LABELLED);
      if (f > bestF1 || (f == bestF1 && p[i] > bestCut)) {
        bestF1 = f;
        bestCut = p[i];
      }
    }

    ServerConfig config = new ServerConfig("127.0.0.1", 0, dir, "windowed-gaussian", 0.999,
        16L << 20, 100_000, 8, 10_000);
    try (VigilServer server = VigilServer.start(config)) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.post("/api/v1/points", batch(v, 0, LABELLED)).status()).isEqualTo(200);
      for (int s = 450; s + 2 < LABELLED; s += 100) {
        assertThat(http.post("/api/v1/feedback", "{\"verdict\": \"missed\", \"series\": 1,"
            + " \"from\": " + (START + s * STEP) + ", \"to\": " + (START + (s + 2) * STEP)
            + ", \"note\": \"queue backed up\"}").status()).isEqualTo(201);
      }
      assertThat(http.get("/api/v1/feedback?series=1").json().get("labels")).hasSize(20);

      JsonNode retune = http.post("/api/v1/series/1/retune", "{\"promote\": true}").json();
      assertThat(retune.get("incidentPoints").asInt()).isEqualTo(60);
      assertThat(retune.get("before").get("threshold").asDouble()).isEqualTo(0.999);
      assertThat(retune.get("before").get("f1").asDouble())
          .isCloseTo(f1(p, 0.999, 0, LABELLED), within(1e-12));
      assertThat(retune.get("after").get("f1").asDouble()).isCloseTo(bestF1, within(1e-12));
      double tuned = retune.get("after").get("threshold").asDouble();
      assertThat(tuned).isLessThan(0.999);
      assertThat(retune.get("model").get("status").asText()).isEqualTo("champion");
      assertThat(retune.get("model").get("thresholdMethod").asText())
          .isEqualTo("f1-on-feedback");

      // Later incidents: the stored anomalies are the points at or above the new threshold.
      assertThat(http.post("/api/v1/points", batch(v, LABELLED, N)).status()).isEqualTo(200);
      JsonNode anomalies = http.get("/api/v1/anomalies?series=1&from="
          + (START + LABELLED * STEP)).json().get("anomalies");
      Set<Integer> flagged = new HashSet<>();
      anomalies.forEach(a -> flagged.add((int) ((a.get("timestampMs").asLong() - START)
          / STEP)));
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (int i = LABELLED; i < N; i++) {
        tp += flagged.contains(i) && incident(i) ? 1 : 0;
        fp += flagged.contains(i) && !incident(i) ? 1 : 0;
        fn += !flagged.contains(i) && incident(i) ? 1 : 0;
      }
      double after = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
      assertThat(after).isCloseTo(f1(p, tuned, LABELLED, N), within(1e-12));
      // At 0.999 none of the 18 later incident points is caught (F1 0); at the retuned
      // threshold (0.9575) all 18 are, with 11 false alarms: F1 = 36 / 47 = 0.766.
      assertThat(f1(p, 0.999, LABELLED, N)).isZero();
      assertThat(new int[] {tp, fp, fn}).containsExactly(18, 11, 0);
      assertThat(after).isCloseTo(36.0 / 47, within(1e-12));
    }
  }
}
