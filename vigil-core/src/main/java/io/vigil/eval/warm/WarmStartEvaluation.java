package io.vigil.eval.warm;

import io.vigil.detect.Assessment;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.warm.WarmStart;
import io.vigil.eval.nab.NabCorpus;
import io.vigil.eval.nab.NabFile;
import io.vigil.series.TimeSeries;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Replays every file of a corpus as a series that has just appeared, once from nothing and
 * once warm-started ({@link WarmStart}) from a sibling, and counts what happens in its first
 * day: false alarms (alarm onsets outside the labelled windows) and labelled windows that
 * begin in the first day and get no alarm. Both runs share the first
 * {@value WarmStart#SCALING_POINTS} points, which are not counted.
 *
 * <p>A file's sibling is another file of its category whose name shares the longest ending
 * with it (the same metric of another pod: {@code <pod>_PodServerLatencyP90}), then the
 * longest beginning ({@code Twitter_volume_}), then the first by name: a stand-in for what the
 * service does with a new series, whose siblings share its metric name and most labels.
 */
public final class WarmStartEvaluation {
  private static final long DAY_MS = 86_400_000L;

  /** One corpus's first days, summed over its files. */
  public record Result(String corpus, int files, long firstDayPoints, int windows,
      int coldFalseAlarms, int warmFalseAlarms, int coldMissed, int warmMissed) {}

  private WarmStartEvaluation() {}

  /** Runs the corpus with detectors from {@code factory}, alarming at {@code alarmAt}. */
  public static Result run(String name, NabCorpus corpus, Supplier<StreamingDetector> factory,
      double alarmAt) {
    long points = 0;
    int windows = 0;
    int[] falseAlarms = new int[2];
    int[] missed = new int[2];
    int files = 0;
    for (NabFile file : corpus.files()) {
      NabFile sibling = sibling(file, corpus.files());
      TimeSeries s = file.series();
      if (sibling == null || s.size() <= WarmStart.SCALING_POINTS) {
        continue;
      }
      files++;
      long[] t = s.timestampsMs();
      double[] v = s.values();
      int k = WarmStart.SCALING_POINTS;
      int end = k;
      while (end < t.length && t[end] < t[0] + DAY_MS) {
        end++;
      }
      points += end - k;
      StreamingDetector cold = factory.get();
      for (int i = 0; i < k; i++) {
        cold.process(t[i], v[i]);
      }
      StreamingDetector warm = WarmStart.warmed(factory, sibling.series().timestampsMs(),
          sibling.series().values(), Arrays.copyOf(t, k), Arrays.copyOf(v, k));
      StreamingDetector[] runs = {cold, warm};
      boolean[][] alarm = new boolean[2][t.length];
      for (int r = 0; r < 2; r++) {
        for (int i = k; i < end; i++) {
          Assessment a = runs[r].process(t[i], v[i]);
          alarm[r][i] = a.probability() >= alarmAt;
        }
      }
      for (NabFile.Window w : file.windows()) {
        if (w.start() >= k && w.start() < end) {
          windows++;
          for (int r = 0; r < 2; r++) {
            boolean caught = false;
            for (int i = w.start(); i <= Math.min(w.end(), end - 1); i++) {
              caught |= alarm[r][i];
            }
            missed[r] += caught ? 0 : 1;
          }
        }
      }
      for (int r = 0; r < 2; r++) {
        for (int i = k; i < end; i++) {
          if (alarm[r][i] && (i == k || !alarm[r][i - 1]) && !inWindow(file, i)) {
            falseAlarms[r]++;
          }
        }
      }
    }
    return new Result(name, files, points, windows, falseAlarms[0], falseAlarms[1], missed[0],
        missed[1]);
  }

  private static boolean inWindow(NabFile file, int row) {
    for (NabFile.Window w : file.windows()) {
      if (row >= w.start() && row <= w.end()) {
        return true;
      }
    }
    return false;
  }

  /** The file's sibling in {@code all}, or null when its category has no other file. */
  static NabFile sibling(NabFile file, List<NabFile> all) {
    return all.stream()
        .filter(f -> f != file && f.category().equals(file.category()))
        .max(Comparator.<NabFile>comparingInt(f -> commonSuffix(f.name(), file.name()))
            .thenComparingInt(f -> commonPrefix(f.name(), file.name()))
            .thenComparing(NabFile::name, Comparator.reverseOrder()))
        .orElse(null);
  }

  private static int commonPrefix(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
      n++;
    }
    return n;
  }

  private static int commonSuffix(String a, String b) {
    String x = strip(a);
    String y = strip(b);
    int n = 0;
    while (n < x.length() && n < y.length()
        && x.charAt(x.length() - 1 - n) == y.charAt(y.length() - 1 - n)) {
      n++;
    }
    return n;
  }

  /** The name without its data file extension. */
  private static String strip(String name) {
    return name.replaceFirst("\\.csv(\\.gz)?$", "");
  }
}
