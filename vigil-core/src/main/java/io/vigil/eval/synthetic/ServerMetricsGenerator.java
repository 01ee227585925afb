package io.vigil.eval.synthetic;

import io.vigil.series.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One host's metrics every five minutes, generated with the structure real server metrics
 * have: a daily and weekly load cycle, metrics tied to load in different ways (CPU linearly,
 * latency through queueing, traffic in proportion, errors as a rate), memory that climbs and
 * falls with garbage collection, a nightly backup burst on disk (a normal pattern a naive
 * detector flags), and noise. Faults from {@link Fault} are injected into the test half only,
 * each as one labelled segment.
 *
 * <p>Deterministic: {@link java.util.Random}'s algorithm is fixed by its specification, so a
 * seed gives the same rows on every JVM (a test checks the files in {@code datasets/} against
 * this generator).
 */
public final class ServerMetricsGenerator {

  /** Rows per day at a five-minute step. */
  public static final int ROWS_PER_DAY = 288;

  /** Feature names in column order. */
  public static final List<String> FEATURES = List.of("requests_per_s", "cpu_pct",
      "latency_ms", "errors_per_s", "memory_pct", "gc_pause_ms", "disk_io_mb_s",
      "net_in_mb_s", "net_out_mb_s", "threads");

  private static final int REQUESTS = 0;
  private static final int CPU = 1;
  private static final int LATENCY = 2;
  private static final int ERRORS = 3;
  private static final int MEMORY = 4;
  private static final int GC = 5;
  private static final int DISK = 6;
  private static final int NET_IN = 7;
  private static final int NET_OUT = 8;
  private static final int THREADS = 9;

  private final Random random;
  private final double peakLoad;
  private final double cpuPerLoad;
  private final double leakPhase;

  /**
   * @param seed the host's seed: its load level, its CPU cost per request and its noise
   */
  public ServerMetricsGenerator(long seed) {
    this.random = new Random(seed);
    this.peakLoad = 400 + 800 * random.nextDouble();
    this.cpuPerLoad = 0.04 + 0.04 * random.nextDouble();
    this.leakPhase = random.nextDouble();
  }

  /** A labelled fault segment: rows {@code start} (inclusive) to {@code end} (exclusive). */
  public record Injection(Fault fault, int start, int end) {}

  /** A host's train and test tables and the faults in the test one. */
  public record Host(Dataset train, Dataset test, List<Injection> injections) {}

  /**
   * {@code trainDays} of normal rows, then {@code testDays} with one of each fault in {@code
   * faults} at random, non-overlapping places.
   */
  public Host host(String name, int trainDays, int testDays, List<Fault> faults) {
    int trainRows = trainDays * ROWS_PER_DAY;
    int testRows = testDays * ROWS_PER_DAY;
    double[][] all = new double[trainRows + testRows][];
    for (int t = 0; t < all.length; t++) {
      all[t] = normalRow(t);
    }
    List<Injection> injections = place(faults, testRows);
    double[][] test = new double[testRows][];
    System.arraycopy(all, trainRows, test, 0, testRows);
    int[] labels = new int[testRows];
    for (Injection injection : injections) {
      inject(test, injection);
      for (int t = injection.start; t < injection.end; t++) {
        labels[t] = 1;
      }
    }
    double[][] train = new double[trainRows][];
    System.arraycopy(all, 0, train, 0, trainRows);
    return new Host(
        Dataset.of(name + "_train.csv", FEATURES, round(train), null),
        Dataset.of(name + "_test.csv", FEATURES, round(test), labels),
        injections);
  }

  /** Load in requests per second at row {@code t}: a day curve, quieter at weekends. */
  private double load(int t) {
    double day = (t % ROWS_PER_DAY) / (double) ROWS_PER_DAY;
    int weekday = (t / ROWS_PER_DAY) % 7;
    // Low at 04:00, peak mid-afternoon, with a smaller morning shoulder.
    double curve = 0.55 - 0.45 * Math.cos(2 * Math.PI * (day - 4.0 / 24))
        + 0.08 * Math.sin(4 * Math.PI * day);
    double week = weekday >= 5 ? 0.65 : 1.0;
    return Math.max(5, peakLoad * curve * week * Math.exp(0.06 * random.nextGaussian()));
  }

  private double[] normalRow(int t) {
    double requests = load(t);
    double utilisation = Math.min(0.95, cpuPerLoad * requests / 100 + 0.05);
    double cpu = clamp(100 * utilisation + 1.5 * random.nextGaussian(), 0, 100);
    // Queueing: latency grows as 1/(1 − ρ).
    double latency = 12 / (1 - 0.85 * utilisation) * Math.exp(0.08 * random.nextGaussian());
    double errors = poisson(0.002 * requests * 60) / 60.0;
    // A sawtooth: the heap fills over about five hours, then a full GC frees it.
    double cycle = ((t / 60.0) + leakPhase) % 1.0;
    double memory = 45 + 20 * cycle + 0.8 * random.nextGaussian();
    double gc = 8 + 0.3 * (memory - 45) + 0.01 * requests + 1.5 * Math.abs(random.nextGaussian());
    double backup = (t % ROWS_PER_DAY) >= 24 && (t % ROWS_PER_DAY) < 36 ? 60 : 0; // 02:00-03:00
    double disk = 3 + 0.02 * requests + backup + 1.0 * Math.abs(random.nextGaussian());
    double netIn = 0.004 * requests * Math.exp(0.05 * random.nextGaussian());
    double netOut = 0.03 * requests * Math.exp(0.05 * random.nextGaussian()) + 0.6 * backup / 60;
    double threads = Math.round(40 + requests * latency / 1000 * 1.2 + 2 * random.nextGaussian());
    return new double[] {requests, cpu, latency, errors, memory, gc, disk, netIn, netOut,
        threads};
  }

  private List<Injection> place(List<Fault> faults, int rows) {
    List<Injection> placed = new ArrayList<>();
    for (Fault fault : faults) {
      int length = lengthOf(fault);
      for (int attempt = 0; ; attempt++) {
        if (attempt > 1000) {
          throw new IllegalArgumentException("cannot place " + faults.size() + " faults in "
              + rows + " rows without overlap");
        }
        int start = ROWS_PER_DAY / 4 + random.nextInt(rows - length - ROWS_PER_DAY / 2);
        Injection candidate = new Injection(fault, start, start + length);
        // Keep half a day between faults so each is judged on its own.
        boolean clear = placed.stream().allMatch(p -> candidate.end + ROWS_PER_DAY / 2 <= p.start
            || p.end + ROWS_PER_DAY / 2 <= candidate.start);
        if (clear) {
          placed.add(candidate);
          break;
        }
      }
    }
    placed.sort((a, b) -> Integer.compare(a.start, b.start));
    return List.copyOf(placed);
  }

  private static int lengthOf(Fault fault) {
    return switch (fault) {
      case STUCK_SENSOR -> 36; // 3 h
      case MEMORY_LEAK -> 72; // 6 h
      case CORRELATION_BREAK -> 12; // 1 h
      case LEVEL_SHIFT -> 24; // 2 h
      case ERROR_BURST -> 3; // 15 min
      case TRAFFIC_DROP -> 6; // 30 min
    };
  }

  private void inject(double[][] rows, Injection injection) {
    int length = injection.end - injection.start;
    for (int k = 0; k < length; k++) {
      double[] r = rows[injection.start + k];
      double progress = (k + 1.0) / length;
      switch (injection.fault) {
        case STUCK_SENSOR -> r[CPU] = rows[injection.start - 1][CPU];
        case MEMORY_LEAK -> {
          // The heap no longer empties: the sawtooth's floor climbs to near full.
          r[MEMORY] = Math.min(99, r[MEMORY] + 30 * progress);
          r[GC] += 40 * progress * progress;
          r[LATENCY] *= 1 + 0.3 * progress * progress;
        }
        case CORRELATION_BREAK -> r[CPU] = clamp(r[CPU] + 35, 0, 100);
        case LEVEL_SHIFT -> {
          r[LATENCY] *= 1.6;
          r[THREADS] = Math.round(r[THREADS] * 1.25);
        }
        case ERROR_BURST -> r[ERRORS] = r[ERRORS] * 6 + 0.5 + random.nextDouble();
        case TRAFFIC_DROP -> r[NET_OUT] *= 0.35;
      }
    }
  }

  private int poisson(double mean) {
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /** Values to 4 significant decimals, so the CSV files stay small and read back exactly. */
  private static double[][] round(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = new double[rows[i].length];
      for (int j = 0; j < rows[i].length; j++) {
        out[i][j] = Math.round(rows[i][j] * 1e4) / 1e4;
      }
    }
    return out;
  }
}
