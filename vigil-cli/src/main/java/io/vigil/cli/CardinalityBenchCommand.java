package io.vigil.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench cardinality}: many series on a bounded heap. Starts {@code vigil serve}
 * as its own process with the heap given, sends one point to every series (creating them),
 * then further rounds of one point each (every series comes back, most from their
 * checkpoints), and reports per round the points/s, and then the series, heap, resident
 * memory, how long a SIGTERM takes to stop, and how long a restart takes to answer.
 */
@Command(name = "cardinality", mixinStandardHelpOptions = true,
    description = "Series, heap, RSS, ingest rate, shutdown and restart time for many series"
        + " on a bounded heap, against a vigil serve process started here.")
final class CardinalityBenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--series", defaultValue = "100000", description = "Distinct series."
      + " Default: ${DEFAULT-VALUE}.")
  int series;

  @Option(names = "--heap", defaultValue = "4g", description = "The server's -Xmx."
      + " Default: ${DEFAULT-VALUE}.")
  String heap;

  @Option(names = "--rounds", defaultValue = "3", description = "Points per series."
      + " Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--batch", defaultValue = "5000", description = "Points per request."
      + " Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--clients", defaultValue = "2", description = "Concurrent clients."
      + " Default: ${DEFAULT-VALUE}.")
  int clients;

  @Option(names = "--data-dir", description = "Where the store goes (default: a temporary"
      + " directory, deleted after).")
  Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  private record Server(Process process, String base, double startSeconds) {}

  @Override
  public Integer call() throws Exception {
    if (series < 1 || rounds < 1 || batch < 1 || clients < 1) {
      throw new IllegalArgumentException("--series, --rounds, --batch and --clients must be"
          + " positive");
    }
    if (!heap.matches("\\d+[kKmMgG]?")) {
      throw new IllegalArgumentException("--heap must be a size as java -Xmx takes it (4g,"
          + " 512m), was '" + heap + "'");
    }
    Path data = dataDir != null ? dataDir : Files.createTempDirectory("vigil-bench-card");
    Path config = Files.createTempFile("vigil-bench-card", ".yaml");
    Files.writeString(config, "server: {maxSeries: " + Math.max(series, 1) + "}\n");
    var out = spec.commandLine().getOut();
    try {
      Server s = start(data, config);
      List<Double> rates = new ArrayList<>();
      long t0 = System.currentTimeMillis() - 86_400_000L;
      for (int round = 0; round < rounds; round++) {
        rates.add(round(s.base(), t0 + round * 60_000L, round));
      }
      String metrics = get(s.base() + "/metrics");
      double heapUsed = sum(metrics, "jvm_memory_used_bytes{area=\"heap\"");
      long rss = rss(s.process().pid());
      long known = (long) sum(metrics, "vigil_series ");
      long inMemory = (long) sum(metrics, "vigil_series_in_memory ");
      long evicted = (long) sum(metrics, "vigil_series_evicted_total ");
      long stopStart = System.nanoTime();
      s.process().destroy(); // SIGTERM: checkpoints what is in memory, then exits
      if (!s.process().waitFor(600, TimeUnit.SECONDS)) {
        s.process().destroyForcibly();
        throw new IOException("vigil serve did not stop within 10 minutes of SIGTERM");
      }
      double stopSeconds = (System.nanoTime() - stopStart) / 1e9;
      Server again = start(data, config);
      long firstStart = System.nanoTime();
      double firstPoint = round(again.base(), t0 + rounds * 60_000L, rounds) > 0
          ? (System.nanoTime() - firstStart) / 1e9 : Double.NaN;
      again.process().destroy();
      again.process().waitFor(600, TimeUnit.SECONDS);

      out.printf(Locale.ROOT, "vigil serve -Xmx%s, default detector, %,d series, one point per"
          + " series a round, batches of %d, %d clients%n", heap, series, batch, clients);
      for (int r = 0; r < rates.size(); r++) {
        out.printf(Locale.ROOT, "  round %d%s: %,.0f points/s%n", r + 1,
            r == 0 ? " (creates the series)" : "", rates.get(r));
      }
      out.printf(Locale.ROOT, "%-34s %,d%n", "series", known);
      out.printf(Locale.ROOT, "%-34s %,d (%,d evicted so far)%n", "series in memory",
          inMemory, evicted);
      out.printf(Locale.ROOT, "%-34s %,.0f MiB%n", "heap used", heapUsed / 1048576);
      out.printf(Locale.ROOT, "%-34s %,.0f MiB%n", "resident memory (RSS)", rss / 1048576.0);
      out.printf(Locale.ROOT, "%-34s %.1f s%n", "shutdown (SIGTERM to exit)", stopSeconds);
      out.printf(Locale.ROOT, "%-34s %.1f s%n", "restart (start to listening)",
          again.startSeconds());
      out.printf(Locale.ROOT, "%-34s %.1f s%n", "then one more round of every series",
          firstPoint);
      out.flush();
      return 0;
    } finally {
      Files.deleteIfExists(config);
      if (dataDir == null) {
        try (var files = Files.walk(data)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private Server start(Path data, Path config) throws IOException {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder("java", "-Xmx" + heap, "-jar", VigilCommand.jar(), "serve",
        "--port", "0", "--data-dir", data.toString(), "--config", config.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String line = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8)).readLine();
    if (line == null || !line.contains("listening on")) {
      p.destroyForcibly();
      throw new IOException("vigil serve did not start: " + line);
    }
    return new Server(p, "http://127.0.0.1:" + line.replaceAll(".*:(\\d+) .*", "$1"),
        (System.nanoTime() - t0) / 1e9);
  }

  /** One point for every series at time {@code t}; the points/s. */
  private double round(String base, long t, int round) throws Exception {
    AtomicLong next = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    long started = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Random random = new Random(31L * round + c);
      Thread th = new Thread(() -> {
        try {
          for (long from = next.getAndAdd(batch); from < series;
              from = next.getAndAdd(batch)) {
            StringBuilder b = new StringBuilder(batch * 80).append('[');
            for (long i = from; i < Math.min(series, from + batch); i++) {
              b.append(i == from ? "" : ",").append("{\"series\":\"card\",\"labels\":{\"id\":\"")
                  .append(i).append("\"},\"timestamp\":").append(t).append(",\"value\":")
                  .append(String.format(Locale.ROOT, "%.3f", 50 + random.nextGaussian()))
                  .append('}');
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/points"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(b.append(']').toString())).build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            while (r.statusCode() == 429) { // busy: the same batch again, as a client would
              Thread.sleep(100);
              r = http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            if (r.statusCode() != 200) {
              throw new IOException("HTTP " + r.statusCode() + ": " + r.body());
            }
          }
        } catch (Exception e) {
          failures.add(e);
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    return series / ((System.nanoTime() - started) / 1e9);
  }

  private String get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The sum of the samples of the lines that start with {@code prefix}. */
  private static double sum(String metrics, String prefix) {
    double total = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith(prefix)) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  private static long rss(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return -1;
  }
}
