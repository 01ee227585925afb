package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.TestData;
import io.vigil.detect.gaussian.CovarianceType;
import io.vigil.series.CsvDatasetReader;
import io.vigil.series.Dataset;
import io.vigil.threshold.ThresholdMethod;
import org.junit.jupiter.api.Test;

/**
 * The seed study reproduced: a Gaussian fitted to server throughput and latency, its threshold
 * chosen by F1 on labelled validation data. The expected figures were computed separately with
 * numpy/scipy from the same files.
 */
class SeedStudyTest {
  private static final Dataset SET1 = CsvDatasetReader.read(TestData.serverGaussian("train.csv"));
  private static final Dataset SET1_VAL =
      CsvDatasetReader.read(TestData.serverGaussian("validation.csv"));
  private static final Dataset SET2 =
      CsvDatasetReader.read(TestData.serverGaussian("train-11d.csv"));
  private static final Dataset SET2_VAL =
      CsvDatasetReader.read(TestData.serverGaussian("validation-11d.csv"));

  private static Model train(Dataset train, Dataset val, TrainingOptions options) {
    return new ModelTrainer().train(train, val, options);
  }

  @Test
  void set1_diagonal_stepSweep_matchesTheStudy() {
    ModelDocument doc = train(SET1, SET1_VAL, TrainingOptions.STUDY).document();
    assertThat(doc.threshold().epsilon()).isCloseTo(8.99e-05, within(0.01e-05));
    assertThat(doc.threshold().epsilon()).isCloseTo(8.990852779269492e-05, within(1e-15));
    assertThat(doc.validation().f1()).isCloseTo(0.875, within(1e-12));
    assertThat(doc.validation().precision()).isEqualTo(1.0);
    assertThat(doc.validation().truePositives()).isEqualTo(7);
    assertThat(doc.validation().falseNegatives()).isEqualTo(2);
    assertThat(doc.training().outliers()).isEqualTo(6);
    assertThat(doc.validation().prAuc()).isCloseTo(0.7885517628880461, within(1e-12));
  }

  @Test
  void set1_exactSweep_isReportedAsAnAlternative() {
    var alternatives = train(SET1, SET1_VAL, TrainingOptions.STUDY).document().threshold()
        .alternatives();
    assertThat(alternatives).singleElement().satisfies(a -> {
      assertThat(a.method()).isEqualTo("f1-exact");
      assertThat(a.f1()).isCloseTo(0.875, within(1e-12));
    });
  }

  @Test
  void set2_diagonal_stepSweep_matchesTheStudy() {
    ModelDocument doc = train(SET2, SET2_VAL, TrainingOptions.STUDY).document();
    assertThat(doc.threshold().epsilon()).isCloseTo(1.38e-18, within(0.01e-18));
    assertThat(doc.threshold().epsilon()).isCloseTo(1.3772288907613604e-18, within(1e-27));
    assertThat(doc.validation().f1()).isCloseTo(0.6153846153846154, within(1e-12));
    assertThat(doc.validation().truePositives()).isEqualTo(8);
    assertThat(doc.validation().falsePositives()).isEqualTo(8);
    assertThat(doc.training().outliers()).isEqualTo(117);
    assertThat(doc.validation().prAuc()).isCloseTo(0.8092004092004091, within(1e-12));
  }

  @Test
  void set2_exactSweep_findsTheBetterCutTheStepsMiss() {
    ModelDocument doc = train(SET2, SET2_VAL,
        TrainingOptions.STUDY.withThresholdMethod(ThresholdMethod.F1_EXACT)).document();
    assertThat(doc.validation().f1()).isCloseTo(0.75, within(1e-12));
    assertThat(doc.validation().truePositives()).isEqualTo(6);
    assertThat(doc.validation().falsePositives()).isZero();
    assertThat(doc.threshold().log10Epsilon() * Math.log(10))
        .isCloseTo(-47.08695452899205, within(1e-6));
    assertThat(doc.training().outliers()).isEqualTo(8);
  }

  @Test
  void set2_fullCovariance_stepSweep() {
    ModelDocument doc = train(SET2, SET2_VAL,
        TrainingOptions.STUDY.withCovariance(CovarianceType.FULL)).document();
    assertThat(doc.validation().f1()).isCloseTo(0.5517241379310345, within(1e-12));
    assertThat(doc.validation().truePositives()).isEqualTo(8);
    assertThat(doc.validation().falsePositives()).isEqualTo(11);
    assertThat(doc.training().outliers()).isEqualTo(122);
    assertThat(doc.threshold().epsilon()).isCloseTo(1.7538e-18, within(0.0001e-18));
    assertThat(doc.validation().prAuc()).isCloseTo(0.7991257631257632, within(1e-12));
  }

  @Test
  void set1_fullCovariance_stepSweep() {
    ModelDocument doc = train(SET1, SET1_VAL,
        TrainingOptions.STUDY.withCovariance(CovarianceType.FULL)).document();
    assertThat(doc.validation().f1()).isCloseTo(0.875, within(1e-12));
    assertThat(doc.threshold().epsilon()).isCloseTo(9.0658e-05, within(0.0001e-05));
    assertThat(doc.validation().prAuc()).isCloseTo(0.7885480059393103, within(1e-12));
  }

  @Test
  void provenance_recordsTheTrainingFile() {
    ModelDocument doc = train(SET1, SET1_VAL, TrainingOptions.STUDY).document();
    assertThat(doc.provenance().trainingData().sha256())
        .isEqualTo("d180f3d5fa921ce478cfd417954c14c6c738231f9bb8a9c2d4f563fde081ec57");
    assertThat(doc.provenance().trainingData().rows()).isEqualTo(307);
    assertThat(doc.features()).containsExactly("throughput_mbps", "latency_ms");
  }
}
