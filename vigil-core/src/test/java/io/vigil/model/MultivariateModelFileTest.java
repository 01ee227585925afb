package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.TestData;
import io.vigil.detect.multi.MultivariateDetectors;
import io.vigil.eval.multivariate.LabelledPair;
import io.vigil.series.Dataset;
import io.vigil.threshold.ThresholdMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The multivariate detectors as model files: trained, saved, signed, loaded, scored alike. */
class MultivariateModelFileTest {

  /** A synthetic host: a week to train on, a week with its six faults labelled. */
  private static final LabelledPair HOST = LabelledPair.readAll(
      TestData.dataset("multivariate")).stream().filter(p -> p.name().equals("host1"))
      .findFirst().orElseThrow();

  @TempDir Path dir;

  private static TrainingOptions options(String algorithm) {
    return TrainingOptions.STUDY.withThresholdMethod(ThresholdMethod.F1_EXACT)
        .withAlgorithm(algorithm);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ensemble", "knn", "range", "autoencoder"})
  void saveThenLoad_givesBitIdenticalScoresAndContributions(String algorithm) throws Exception {
    Dataset test = HOST.test();
    Model trained = new ModelTrainer().train(HOST.train(), test, options(algorithm));
    ModelKey key = ModelKey.readOrCreate(dir.resolve("model.key"));
    Path file = dir.resolve("m.json");
    trained.save(file, key);
    Model loaded = Model.load(file, key);

    assertThat(loaded.document().algorithm()).isEqualTo(algorithm);
    assertThat(loaded.document().score()).isNotBlank();
    double[] before = trained.score(test);
    double[] after = loaded.score(test);
    for (int i = 0; i < before.length; i++) {
      assertThat(Double.doubleToRawLongBits(after[i])).as("row %d", i)
          .isEqualTo(Double.doubleToRawLongBits(before[i]));
    }
    double[][] rows = loaded.alignedRows(test);
    assertThat(loaded.detector().contributions(rows[100]))
        .containsExactly(trained.detector().contributions(rows[100]));
    assertThat(loaded.threshold()).isEqualTo(trained.threshold());
    // The model scores as the benchmark's fit does: the same detector, the same seed.
    assertThat(before[100]).isEqualTo(MultivariateDetectors.fit(algorithm, HOST.train(), 1)
        .score(rows[100]));
    // Its validation figures are the threshold's on the labelled week.
    assertThat(loaded.document().validation().f1()).isGreaterThan(0.3);
  }

  @Test
  void theEnsemble_recordsItsColumnsMembersAndCalibrations() throws Exception {
    // A column constant in training ("cores", 8 on every row) is left out, and the file says so.
    Dataset train = withConstantColumn(HOST.train());
    Model trained = new ModelTrainer().train(train, null,
        options("ensemble").withThresholdMethod(ThresholdMethod.CONTAMINATION));
    ModelDocument doc = trained.document();
    assertThat(doc.parameters()).containsEntry("members", "gaussian,knn,range");
    assertThat(doc.fitted().get("columns")).hasSize(train.dimension() - 1);
    assertThat(doc.fitted().get("constants")).hasSize(1);
    assertThat(doc.fitted().get("constants").get(0).asDouble()).isEqualTo(8.0);
    assertThat(doc.fitted().get("trainingRows").asLong()).isEqualTo(train.size());
    // Loaded, it still charges a change of the constant column, as trained.
    Model loaded = Model.of(doc);
    double[] row = train.rows()[5].clone();
    row[train.dimension() - 1] = 16;
    assertThat(loaded.detector().score(row)).isEqualTo(trained.detector().score(row));
    assertThat(loaded.detector().score(row)).isGreaterThan(
        loaded.detector().score(train.rows()[5]));
    assertThat(doc.fitted().get("members")).extracting(m -> m.get("algorithm").asText())
        .containsExactly("gaussian", "knn", "range");
    assertThat(doc.fitted().get("members").get(0).get("calibration").size())
        .isEqualTo(Math.round(train.size() * 0.2));
  }

  @Test
  void aDamagedState_isRefusedNamingWhatIsWrong() throws Exception {
    Model trained = new ModelTrainer().train(HOST.train(), HOST.test(), options("knn"));
    ObjectNode fitted = (ObjectNode) trained.document().fitted().deepCopy();
    ((ArrayNode) fitted.get("reference")).set(0, ModelJson.MAPPER.createArrayNode().add(1.0));
    ModelDocument d = trained.document();
    ModelDocument damaged = new ModelDocument(d.format(), d.formatVersion(), "knn",
        d.parameters(), d.features(), fitted, d.score(), d.threshold(), d.training(),
        d.validation(), d.provenance(), null);
    assertThatThrownBy(() -> Model.of(damaged)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("invalid knn model")
        .hasMessageContaining("a reference row has 1 values");

    ModelDocument unknown = new ModelDocument(d.format(), d.formatVersion(), "isolation-forest",
        null, d.features(), fitted, "?", d.threshold(), d.training(), null, d.provenance(), null);
    assertThatThrownBy(() -> Model.of(unknown)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("unknown algorithm 'isolation-forest'")
        .hasMessageContaining("gaussian, ensemble, knn, range, autoencoder");
  }

  @Test
  void theDensityStepSweep_isTheGaussiansOnly() {
    assertThatThrownBy(() -> TrainingOptions.STUDY.withAlgorithm("knn"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("f1-step-sweep")
        .hasMessageContaining("use f1-exact or contamination");
    assertThatThrownBy(() -> options("rcf")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown algorithm 'rcf'");
  }

  private static Dataset withConstantColumn(Dataset d) {
    double[][] rows = new double[d.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = java.util.Arrays.copyOf(d.rows()[i], d.dimension() + 1);
      rows[i][d.dimension()] = 8;
    }
    List<String> names = new java.util.ArrayList<>(d.featureNames());
    names.add("cores");
    return Dataset.of(d.source(), names, rows, null);
  }

  @Test
  void aSavedEnsemble_isPlainJson() throws Exception {
    Model trained = new ModelTrainer().train(HOST.train(), HOST.test(), options("ensemble"));
    Path file = dir.resolve("e.json");
    trained.save(file, ModelKey.readOrCreate(dir.resolve("model.key")));
    String text = Files.readString(file);
    assertThat(text).contains("\"algorithm\" : \"ensemble\"", "\"calibration\"",
        "\"reference\"", "\"min\"", "\"covariance\"");
  }
}
