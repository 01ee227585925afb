package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.VigilServer;
import io.vigil.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil model ...} against a running service, as an SRE would use it. */
class ModelCommandTest {
  private static final long START = 1_700_000_000_000L;
  private static final long STEP = 60_000;

  @TempDir Path dir;

  private static void send(String url, int from, int n) throws Exception {
    Random r = new Random(from);
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"series\":\"rps\",\"labels\":{\"app\":\"shop\"},"
          + "\"timestamp\":").append(START + (from + i) * STEP).append(",\"value\":")
          .append(incident(from + i) ? 226 : 200 + 10 * r.nextGaussian()).append('}');
    }
    HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(url + "/api/v1/points")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(b.append(']').toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
  }

  /** From point 450, every 100th starts 3 points 2.6 SD high. */
  private static boolean incident(int i) {
    return i >= 450 && (i - 450) % 100 < 3;
  }

  @Test
  void trainCompareAndSwitchModelsFromTheCommandLine() throws Exception {
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir.resolve("data")))) {
      String url = "http://127.0.0.1:" + server.port();
      send(url, 0, 2000);

      Cli.Result train = Cli.run("model", "train", "--server", url, "--series", "1",
          "--candidate", "robust-ewma", "--candidate", "windowed-gaussian:window=100",
          "--by", "sre1");
      assertThat(train.exitCode()).as(train.err()).isZero();
      assertThat(train.err()).contains("training: series", "(done)");
      assertThat(train.out()).contains("#1  series 1 version 1  candidate", "by sre1",
          "robust-ewma:alpha=0.02", "windowed-gaussian:window=100", "* chosen");

      assertThat(Cli.run("model", "promote", "1", "--server", url).out())
          .contains("#1  series 1 version 1  champion");
      send(url, 2000, 200);
      Cli.Result second = Cli.run("model", "train", "--server", url, "--match", "rp.*",
          "--candidate", "robust-ewma:alpha=0.1", "--json");
      assertThat(second.json().get(0).get("id").asLong()).isEqualTo(2);
      assertThat(Cli.run("model", "shadow", "2", "--start", "--server", url).out())
          .contains("#2 runs in shadow from point 2200");
      send(url, 2200, 100);
      assertThat(Cli.run("model", "shadow", "2", "--server", url).out())
          .contains("shadow since point 2200", "champion    #1", "challenger  #2");
      assertThat(Cli.run("model", "diff", "1", "2", "--server", url).out())
          .contains("spec ", "\"robust-ewma:alpha=0.1\"", "training.points", "2000", "2200",
              "training.throughSeq", "1999", "2199");
      assertThat(Cli.run("model", "promote", "2", "--server", url).exitCode()).isZero();
      assertThat(Cli.run("model", "rollback", "1", "--server", url).out())
          .contains("#1  series 1 version 1  champion");
      assertThat(Cli.run("model", "list", "--server", url).out())
          .contains("2     1       2    retired", "1     1       1    champion");
      assertThat(Cli.run("model", "health", "--server", url).out())
          .contains("1 champion models, 0 degraded", "model #1: ok");

      for (int start = 450; start < 2000; start += 100) {
        Cli.Result missed = Cli.run("model", "feedback", "--server", url, "--verdict",
            "missed", "--series", "1", "--from", Long.toString(START + start * STEP), "--to",
            Long.toString(START + (start + 2) * STEP), "--note", "slow checkout");
        assertThat(missed.out()).as(missed.err()).contains("incident (missed)");
      }
      Cli.Result retune = Cli.run("model", "retune", "1", "--server", url, "--promote");
      assertThat(retune.exitCode()).as(retune.err()).isZero();
      assertThat(retune.out()).contains("in labelled incidents", "before", "after",
          "(f1-on-feedback", "champion");
      Cli.Result bad = Cli.run("model", "train", "--server", url, "--series", "1",
          "--candidate", "magic");
      assertThat(bad.exitCode()).isEqualTo(1);
      assertThat(bad.err()).contains("candidates[0]: unknown algorithm 'magic'");
      Cli.Result csv = Cli.run("model", "train", "--server", url, "--csv",
          Files.writeString(dir.resolve("h.csv"), "timestamp,value\n1,2\n").toString(),
          "--name", "new_series");
      assertThat(csv.err()).contains("the CSV has 1 points; at least 100 are needed");
      assertThat(Cli.run("model", "list", "--server", url, "--json").json()).hasSize(3);
    }
    Cli.Result away = Cli.run("model", "list", "--server", "http://127.0.0.1:9");
    assertThat(away.exitCode()).isEqualTo(1);
    assertThat(away.err()).contains("cannot reach Vigil at http://127.0.0.1:9");
  }
}
