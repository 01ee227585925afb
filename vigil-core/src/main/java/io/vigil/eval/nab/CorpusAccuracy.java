package io.vigil.eval.nab;

import io.vigil.eval.AveragePrecision;
import io.vigil.eval.RangePrVolume;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Every accuracy figure of one detector on one corpus, from one run:
 *
 * <ul>
 *   <li>NAB's three profiles (threshold chosen in-sample by NAB's sweep, as NAB does);
 *   <li>threshold-free point-wise measures on the labelled rows (the corpus' per-point labels,
 *       else its windows): PR-AUC (average precision) and VUS-PR, each the mean over the files
 *       that have a labelled row;
 *   <li>at the detector's own operating threshold, without tuning: false alarms (an alarm
 *       starts on a row at or above the threshold after one below it, outside every window)
 *       per 1,000 rows, and the windows with at least one alarm.
 * </ul>
 * Rows of each file's probationary period (NAB's min(15%, 750)) count for nothing in any of
 * them: every detector is still learning there.
 *
 * @param standard NAB standard profile, normalised
 * @param lowFp NAB reward-low-FP profile
 * @param lowFn NAB reward-low-FN profile
 * @param prAuc mean point-wise PR-AUC
 * @param vusPr mean VUS-PR
 * @param falseAlarmsPer1000 false alarms per 1,000 scored rows at the operating threshold
 * @param windowsAlarmed windows with an alarm at the operating threshold
 * @param windows windows in the corpus
 */
public record CorpusAccuracy(double standard, double lowFp, double lowFn, double prAuc,
    double vusPr, double falseAlarmsPer1000, int windowsAlarmed, int windows) {

  /** Measures {@code run} (made by {@code contender}) on {@code corpus}. */
  public static CorpusAccuracy of(NabCorpus corpus, NabRun run, Contender contender) {
    List<NabFile> files = corpus.files();
    List<double[]> scores = run.scores();
    double[] nab = Arrays.stream(NabProfile.values())
        .mapToDouble(p -> NabScorer.score(files, scores, p).normalized()).toArray();
    double[][] point = IntStream.range(0, files.size()).parallel()
        .mapToObj(f -> pointMeasures(files.get(f), scores.get(f)))
        .filter(m -> m != null).toArray(double[][]::new);
    double prAuc = Arrays.stream(point).mapToDouble(m -> m[0]).average().orElse(Double.NaN);
    double vus = Arrays.stream(point).mapToDouble(m -> m[1]).average().orElse(Double.NaN);
    long falseAlarms = 0;
    long rows = 0;
    int alarmed = 0;
    for (int f = 0; f < files.size(); f++) {
      NabFile file = files.get(f);
      double[] s = scores.get(f);
      boolean[] inWindow = new boolean[s.length];
      for (NabFile.Window w : file.windows()) {
        Arrays.fill(inWindow, w.start(), w.end() + 1, true);
      }
      boolean before = false;
      for (int i = file.probation(); i < s.length; i++) {
        boolean alarm = s[i] >= contender.alarmAt();
        if (alarm && !before && !inWindow[i]) {
          falseAlarms++;
        }
        before = alarm;
        rows++;
      }
      for (NabFile.Window w : file.windows()) {
        for (int i = Math.max(w.start(), file.probation()); i <= w.end(); i++) {
          if (s[i] >= contender.alarmAt()) {
            alarmed++;
            break;
          }
        }
      }
    }
    return new CorpusAccuracy(nab[0], nab[1], nab[2], prAuc, vus,
        rows == 0 ? Double.NaN : 1000.0 * falseAlarms / rows, alarmed, corpus.windowCount());
  }

  /** PR-AUC and VUS-PR of one file after its probation; null when it has no labelled row. */
  private static double[] pointMeasures(NabFile file, double[] scores) {
    int from = file.probation();
    int[] labels = Arrays.copyOfRange(file.pointLabels(), from, scores.length);
    if (Arrays.stream(labels).noneMatch(l -> l == 1)) {
      return null;
    }
    double[] s = Arrays.copyOfRange(scores, from, scores.length);
    return new double[] {AveragePrecision.of(s, labels),
        RangePrVolume.of(s, labels, RangePrVolume.DEFAULT_MAX_BUFFER)};
  }
}
