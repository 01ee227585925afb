package io.vigil.cli;

import io.vigil.server.VigilServer;
import io.vigil.server.config.ServerConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench dashboard}: how fast the dashboard's routes answer over many series.
 * Starts a service on a temporary store, sends every series its points (one in
 * {@code --anomalous} ends with a jump), then asks each route several times and prints the
 * median time and the answer's size.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = "Answer times of the dashboard's routes (Now, swim lane, series page, chart,"
        + " report) over many series, against a service started here on a temporary store.")
final class DashboardBenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--series", defaultValue = "10000",
      description = "Series (hosts). Default: ${DEFAULT-VALUE}.")
  int series;

  @Option(names = "--points", defaultValue = "200",
      description = "Points per series, a minute apart, ending now. Default: ${DEFAULT-VALUE}.")
  int points;

  @Option(names = "--anomalous", defaultValue = "5",
      description = "One series in this many ends with a jump. Default: ${DEFAULT-VALUE}.")
  int anomalous;

  @Option(names = "--repeat", defaultValue = "7",
      description = "Times each route is asked; the median is shown. Default: ${DEFAULT-VALUE}.")
  int repeat;

  @Override
  public Integer call() throws Exception {
    if (series < 1 || points < 2 || anomalous < 1 || repeat < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--series,"
          + " --anomalous and --repeat must be at least 1 and --points at least 2; were "
          + series + ", " + anomalous + ", " + repeat + " and " + points);
    }
    Path dir = Files.createTempDirectory("vigil-dashboard-bench");
    PrintWriter out = spec.commandLine().getOut();
    HttpClient http = HttpClient.newHttpClient();
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir))) {
      String base = "http://127.0.0.1:" + server.port();
      long now = System.currentTimeMillis() / 60_000 * 60_000;
      Random random = new Random(1);
      long started = System.nanoTime();
      for (int from = 0; from < series; from += 250) {
        StringBuilder b = new StringBuilder("[");
        for (int s = from; s < Math.min(series, from + 250); s++) {
          for (int i = 0; i < points; i++) {
            double v = 50 + 5 * random.nextGaussian();
            if (s % anomalous == 0 && i == points - 10) {
              v = 200;
            }
            b.append(b.length() == 1 ? "" : ",").append(String.format(Locale.ROOT,
                "{\"series\":\"cpu\",\"labels\":{\"host\":\"h%05d\",\"rack\":\"r%02d\"},"
                    + "\"timestamp\":%d,\"value\":%.3f}", s, s % 40,
                now - (long) (points - 1 - i) * 60_000, v));
          }
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base
            + "/api/v1/points")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(b.append(']').toString())).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new IllegalStateException("ingest answered " + r.statusCode() + ": " + r.body());
        }
      }
      out.printf(Locale.ROOT, "%,d series × %,d points sent in %.1f s; one in %d jumps at the"
          + " end%n%n", series, points, (System.nanoTime() - started) / 1e9, anomalous);
      out.printf(Locale.ROOT, "%-52s %10s %12s%n", "route", "median ms", "bytes");
      long mid = series / 2 + 1;
      for (String route : new String[] {"/api/v1/now?window=6h",
          "/api/v1/now?window=6h&q=h0999", "/api/v1/now?window=6h&offset=1000",
          "/api/v1/swimlane?window=6h&buckets=60", "/api/v1/swimlane?window=6h&buckets=60"
              + "&groupBy=rack", "/api/v1/series?limit=100&after=" + (mid - 1),
          "/api/v1/series/" + mid + "/chart?width=1200", "/api/v1/report?since=7d",
          "/api/v1/report?since=7d&format=html", "/"}) {
        double[] ms = new double[repeat];
        long bytes = 0;
        for (int k = 0; k < repeat; k++) {
          long t = System.nanoTime();
          HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + route))
              .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
          ms[k] = (System.nanoTime() - t) / 1e6;
          bytes = r.body().length;
          if (r.statusCode() != 200) {
            throw new IllegalStateException(route + " answered " + r.statusCode());
          }
        }
        Arrays.sort(ms);
        out.printf(Locale.ROOT, "%-52s %10.1f %,12d%n", route, ms[repeat / 2], bytes);
      }
      out.flush();
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return 0;
  }
}
