package io.vigil.eval.nab;

import io.vigil.detect.Assessment;
import io.vigil.detect.StreamingDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * One streaming detector run over every file of a corpus, a fresh detector per file, files in
 * parallel. Each point is processed once, in file order, so the score of row i depends on rows
 * 0..i only. A skipped point (out of order) scores 0 (a detector's score when it skips).
 *
 * @param detector the detector's name
 * @param scores per file, the anomaly score of each row (a Vigil detector's probability)
 * @param nanos per file, the time spent in {@code process}
 * @param stateBytes per file, the size of the detector's snapshot at the end
 */
public record NabRun(String detector, List<double[]> scores, long[] nanos, int[] stateBytes) {

  /**
   * Runs {@code factory}'s detectors over {@code corpus}.
   *
   * @param progress told the number of files finished, as each finishes
   */
  public static NabRun run(String name, Supplier<StreamingDetector> factory, NabCorpus corpus,
      IntConsumer progress) {
    return run(new Contender(name, false, factory, Assessment::probability, 1.0), corpus,
        progress);
  }

  /**
   * Runs a contender over {@code corpus}, keeping its {@linkplain Contender#score score} of
   * each row.
   *
   * @param progress told the number of files finished, as each finishes
   */
  public static NabRun run(Contender contender, NabCorpus corpus, IntConsumer progress) {
    String name = contender.name();
    Supplier<StreamingDetector> factory = contender.factory();
    List<NabFile> files = corpus.files();
    double[][] scores = new double[files.size()][];
    long[] nanos = new long[files.size()];
    int[] state = new int[files.size()];
    AtomicInteger done = new AtomicInteger();
    java.util.stream.IntStream.range(0, files.size()).parallel().forEach(f -> {
      var series = files.get(f).series();
      StreamingDetector d = factory.get();
      long[] ts = series.timestampsMs();
      double[] values = series.values();
      double[] out = new double[values.length];
      long start = System.nanoTime();
      for (int i = 0; i < values.length; i++) {
        Assessment a = d.process(ts[i], values[i]);
        out[i] = contender.score().applyAsDouble(a);
      }
      nanos[f] = System.nanoTime() - start;
      scores[f] = out;
      state[f] = d.snapshot().size();
      progress.accept(done.incrementAndGet());
    });
    return new NabRun(name, new ArrayList<>(List.of(scores)), nanos, state);
  }

  /** Points processed per second of one core. */
  public double pointsPerSecond(NabCorpus corpus) {
    long total = 0;
    for (long n : nanos) {
      total += n;
    }
    return total == 0 ? Double.NaN : corpus.rowCount() / (total / 1e9);
  }

  /** The mean snapshot size over files. */
  public double meanStateBytes() {
    long sum = 0;
    for (int s : stateBytes) {
      sum += s;
    }
    return (double) sum / stateBytes.length;
  }
}
