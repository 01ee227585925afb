package io.vigil.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the default detector's accuracy on every bundled corpus (the README's cross-corpus
 * table), so a change that moves it fails here until the table is measured again with
 * {@code ./vigil bench}. The z-score peer is run alongside; Random Cut Forest as OpenSearch
 * runs it takes a minute a corpus, so its figures (from {@code ./vigil bench}, fixed seed) are
 * constants here.
 */
class CrossCorpusAccuracyTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // corpus, default: standard, low-FP, low-FN, PR-AUC, VUS-PR; z-score standard; RCF standard
      "nab,              70.11, 60.42, 75.19, 0.122, 0.240, 38.83, 55.83",
      "cloud-monitoring, 50.42, 36.96, 59.32, 0.213, 0.518, 32.89, 30.08",
      "nezha-cpu,        44.64, 42.45, 50.33, 0.180, 0.557, 43.87, 21.44",
      "nezha-pods,       11.76,  8.62, 17.37, 0.049, 0.328,  8.80,  9.44",
      "synthetic-kpi,    63.35, 55.39, 67.65, 0.031, 0.096, 27.95, 59.41"})
  void theDefault_scoresAsTheReadmeSays_andBeatsBothPeers(
      String corpusName, double standard, double lowFp, double lowFn, double prAuc,
      double vusPr, double zStandard, double rcfStandard) {
    NabCorpus corpus = NabCorpus.load(TestData.dataset(corpusName));
    Contender vigil = Contender.vigil("default");
    CorpusAccuracy a = CorpusAccuracy.of(corpus, NabRun.run(vigil, corpus, i -> { }), vigil);
    assertThat(new double[] {a.standard(), a.lowFp(), a.lowFn()})
        .containsExactly(new double[] {standard, lowFp, lowFn}, within(0.006));
    assertThat(a.prAuc()).isCloseTo(prAuc, within(0.0006));
    assertThat(a.vusPr()).isCloseTo(vusPr, within(0.0006));

    Contender z = Contender.zScore();
    CorpusAccuracy zs = CorpusAccuracy.of(corpus, NabRun.run(z, corpus, i -> { }), z);
    assertThat(zs.standard()).isCloseTo(zStandard, within(0.006));

    assertThat(a.standard()).isGreaterThan(rcfStandard);
    if (corpusName.equals("nab")) {
      assertThat(a.standard()).as("NAB standard").isGreaterThanOrEqualTo(70.0);
    }
    assertThat(a.standard()).isGreaterThan(zs.standard());
  }
}
