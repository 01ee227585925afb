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

/** {@code vigil report} against a running service: the page saved, the figures printed. */
class ReportCommandTest {
  @TempDir Path dir;

  @Test
  void theWeeksReport_isSavedAsAPage_andSummedUpInTheTerminal() throws Exception {
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir.resolve("data")))) {
      String url = "http://127.0.0.1:" + server.port();
      long now = System.currentTimeMillis() / 60_000 * 60_000;
      Random r = new Random(1);
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < 2000; i++) {
        b.append(i == 0 ? "" : ",").append("{\"series\":\"rps\",\"labels\":{\"app\":\"shop\"},"
            + "\"timestamp\":").append(now - (1999 - i) * 60_000L).append(",\"value\":")
            .append(i == 1990 ? 900 : 200 + 10 * r.nextGaussian()).append('}');
      }
      HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(url + "/api/v1/points")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(b.append(']').toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(sent.statusCode()).isEqualTo(200);

      // A champion chosen by hand: its health is in the report.
      HttpResponse<String> promoted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(url + "/api/v1/series/1/threshold")).header("Content-Type",
              "application/json").POST(HttpRequest.BodyPublishers.ofString(
                  "{\"probability\": 0.9999}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);

      Path page = dir.resolve("report.html");
      Cli.Result saved = Cli.run("report", "--server", url, "--since", "7d", "--output",
          page.toString());
      assertThat(saved.exitCode()).as(saved.err()).isZero();
      assertThat(saved.out()).contains("Report written to " + page);
      assertThat(Files.readString(page)).startsWith("<!doctype html>")
          .contains("<h1>Vigil report: ", "<h2>Noisiest series</h2>",
              "rps{app=&quot;shop&quot;}", "@media print")
          .doesNotContain("<script", "class=\"bad\"");

      Cli.Result text = Cli.run("report", "--server", url, "--since", "1d");
      assertThat(text.exitCode()).as(text.err()).isZero();
      assertThat(text.out()).contains("Alerts: 0 began", "precision –", "Noisiest series:",
          "rps{app=\"shop\"}", "Models: 1 champion, 0 needing attention");

      Cli.Result nowhere = Cli.run("report", "--server", url, "--output",
          dir.resolve("no-such-dir").resolve("r.html").toString());
      assertThat(nowhere.exitCode()).isEqualTo(1);
      assertThat(nowhere.err()).contains("r.html: cannot write it (no such directory)");

      Cli.Result bad = Cli.run("report", "--server", url, "--since", "soon");
      assertThat(bad.exitCode()).isEqualTo(1);
      assertThat(bad.err()).contains("since: 'soon' is not a duration");
    }
  }
}
