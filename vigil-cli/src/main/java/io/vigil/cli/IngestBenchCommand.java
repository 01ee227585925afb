package io.vigil.cli;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.xerial.snappy.Snappy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench ingest}: points per second that {@code vigil serve} acknowledges end to
 * end (parse, detect with the default detector, store durably), and the acknowledgement
 * latency, for JSON and for remote write. The server runs as a second process on loopback
 * (started here unless {@code --url} names one), with an empty data directory.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Measure acknowledged points/s and ack latency of vigil serve.")
final class IngestBenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--seconds", defaultValue = "15", description = "Per format. Default: 15.")
  int seconds;

  @Option(names = "--batch", defaultValue = "1000", description = "Points per request.")
  int batch;

  @Option(names = "--clients", defaultValue = "4", description = "Concurrent clients.")
  int clients;

  @Option(names = "--series", defaultValue = "1000", description = "Distinct series.")
  int series;

  @Option(names = "--url", description = "A running server (default: start one here).")
  String url;

  @Option(names = "--store", paramLabel = "URL",
      description = "The store of the server started here: a PostgreSQL URL (default: the"
          + " embedded one in a temporary directory).")
  String store;

  /** One format's figures. */
  private record Result(String format, double pointsPerSecond, double p50Ms, double p99Ms,
      long requests, long refused) {}

  @Override
  public Integer call() throws Exception {
    if (seconds < 1 || batch < 1 || clients < 1 || series < 1) {
      throw new IllegalArgumentException("--seconds, --batch, --clients and --series must be"
          + " positive");
    }
    if (store != null) {
      io.vigil.server.store.StoreLocation.parse(store, null); // a bad URL named before starting
    }
    if (series < clients) {
      throw new IllegalArgumentException("--series must be at least --clients (each series"
          + " has one sender), was " + series + " for " + clients + " clients");
    }
    Process server = null;
    Path data = null;
    String base = url;
    try {
      if (base == null) {
        data = Files.createTempDirectory("vigil-bench-ingest");
        List<String> command = new ArrayList<>(List.of("java", "-jar", VigilCommand.jar(),
            "serve", "--port", "0", "--data-dir", data.toString()));
        if (store != null) {
          command.addAll(List.of("--store", store));
        }
        Path errors = data.resolve("serve.err");
        server = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String line = new BufferedReader(new InputStreamReader(server.getInputStream(),
            StandardCharsets.UTF_8)).readLine();
        if (line == null || !line.contains("listening on")) {
          server.waitFor(10, TimeUnit.SECONDS);
          // what vigil serve said about it, not its log lines
          String said = Files.readAllLines(errors).stream()
              .filter(l -> l.startsWith("vigil serve:")).findFirst()
              .orElse(line == null ? "it exited without a word" : line);
          throw new IllegalArgumentException("the service did not start: " + said);
        }
        base = "http://127.0.0.1:" + line.replaceAll(".*:(\\d+) .*", "$1");
      }
      List<Result> results = List.of(run(base, "json"), run(base, "remote-write"));
      var out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "vigil serve, default detector, %s store, %d series, batches"
          + " of %d, %d clients, %d s per format%n", url != null ? "its own" : store == null
          ? "embedded" : "PostgreSQL", series, batch, clients, seconds);
      out.printf(Locale.ROOT, "%-14s %14s %10s %10s %10s %8s%n", "format", "points/s",
          "p50 ms", "p99 ms", "requests", "429s");
      for (Result r : results) {
        out.printf(Locale.ROOT, "%-14s %14.0f %10.1f %10.1f %10d %8d%n", r.format(),
            r.pointsPerSecond(), r.p50Ms(), r.p99Ms(), r.requests(), r.refused());
      }
      out.flush();
      return 0;
    } finally {
      if (server != null) {
        server.destroy();
        server.waitFor(30, TimeUnit.SECONDS);
      }
      if (data != null) {
        try (var files = Files.walk(data)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }



  private Result run(String base, String format) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong points = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long started = System.nanoTime();
    long timeBase = System.currentTimeMillis() - 86_400_000L * 30;
    for (int c = 0; c < clients; c++) {
      long[] lat = new long[1 << 20];
      latencies.add(lat);
      int id = c;
      Thread t = new Thread(() -> {
        Random random = new Random(id);
        int n = 0;
        long tick = 0;
        try {
          while (System.nanoTime() < end && n < lat.length - 1) {
            HttpRequest request = request(base, format, tick++, timeBase, random, id);
            long t0 = System.nanoTime();
            HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
            long took = System.nanoTime() - t0;
            if (r.statusCode() / 100 == 2) {
              points.addAndGet(batch);
              lat[++n] = took;
            } else if (r.statusCode() == 429) {
              refused.incrementAndGet();
            } else {
              throw new IOException("HTTP " + r.statusCode());
            }
          }
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(format + ": " + e, e);
        }
        lat[0] = n;
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    long count = 0;
    for (long[] l : latencies) {
      count += l[0];
    }
    long[] all = new long[(int) count];
    int k = 0;
    for (long[] l : latencies) {
      System.arraycopy(l, 1, all, k, (int) l[0]);
      k += (int) l[0];
    }
    Arrays.sort(all);
    return new Result(format, points.get() / elapsed, percentile(all, 0.5) / 1e6,
        percentile(all, 0.99) / 1e6, count, refused.get());
  }

  private static double percentile(long[] sorted, double q) {
    return sorted.length == 0 ? Double.NaN
        : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  /**
   * A client's {@code tick}-th batch: {@code batch} points spread over the client's own series
   * (those whose number leaves {@code client} when divided by the number of clients: each
   * series has one sender, as Prometheus' remote write shards do, so its points arrive in
   * order), each series' timestamps moving forward by a minute per tick, values a noisy
   * daily cycle.
   */
  private HttpRequest request(String base, String format, long tick, long timeBase,
      Random random, int client) throws IOException {
    int own = (series - client + clients - 1) / clients;
    int perSeries = Math.max(1, batch / own);
    int firstOwn = (int) ((tick * batch / perSeries) % own);
    java.util.function.IntUnaryOperator seriesAt = i -> client
        + clients * ((firstOwn + i / perSeries) % own);
    if ("json".equals(format)) {
      StringBuilder b = new StringBuilder(batch * 80).append('[');
      for (int i = 0; i < batch; i++) {
        int s = seriesAt.applyAsInt(i);
        long t = timeBase + (tick * perSeries + i % perSeries) * 60_000L;
        b.append(i == 0 ? "" : ",").append("{\"series\":\"bench_json\",\"labels\":{\"id\":\"")
            .append(s).append("\"},\"timestamp\":").append(t).append(",\"value\":")
            .append(value(t, random)).append('}');
      }
      return HttpRequest.newBuilder(URI.create(base + "/api/v1/points"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(b.append(']').toString())).build();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch * 40);
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    for (int i = 0; i < batch; i += perSeries) {
      int s = seriesAt.applyAsInt(i);
      ByteArrayOutputStream ts = new ByteArrayOutputStream();
      CodedOutputStream o = CodedOutputStream.newInstance(ts);
      o.writeBytes(1, label("__name__", "bench_rw"));
      o.writeBytes(1, label("id", Integer.toString(s)));
      for (int j = 0; j < perSeries && i + j < batch; j++) {
        long t = timeBase + (tick * perSeries + j) * 60_000L;
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        CodedOutputStream so = CodedOutputStream.newInstance(sample);
        so.writeDouble(1, value(t, random));
        so.writeInt64(2, t);
        so.flush();
        o.writeBytes(2, ByteString.copyFrom(sample.toByteArray()));
      }
      o.flush();
      out.writeBytes(1, ByteString.copyFrom(ts.toByteArray()));
    }
    out.flush();
    return HttpRequest.newBuilder(URI.create(base + "/api/v1/write"))
        .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(bytes.toByteArray())))
        .build();
  }

  private static ByteString label(String name, String value) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    CodedOutputStream o = CodedOutputStream.newInstance(b);
    o.writeString(1, name);
    o.writeString(2, value);
    o.flush();
    return ByteString.copyFrom(b.toByteArray());
  }

  private static double value(long t, Random random) {
    return 100 + 30 * Math.sin(2 * Math.PI * (t % 86_400_000L) / 86_400_000.0)
        + 5 * random.nextGaussian();
  }
}
