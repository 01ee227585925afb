package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.TestData;
import io.vigil.detect.gaussian.CovarianceType;
import io.vigil.series.CsvDatasetReader;
import io.vigil.series.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelJsonTest {
  private static final Dataset TRAIN = CsvDatasetReader.read(TestData.serverGaussian("train.csv"));
  private static final Dataset VAL =
      CsvDatasetReader.read(TestData.serverGaussian("validation.csv"));
  private static final Dataset TRAIN_11D =
      CsvDatasetReader.read(TestData.serverGaussian("train-11d.csv"));
  private static final Dataset VAL_11D =
      CsvDatasetReader.read(TestData.serverGaussian("validation-11d.csv"));

  @TempDir Path dir;

  private static String golden() throws IOException {
    try (InputStream in = ModelJsonTest.class.getResourceAsStream("gaussian-full-v1.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @EnumSource(CovarianceType.class)
  void saveThenLoad_givesBitIdenticalScores(CovarianceType type) throws Exception {
    Model trained = new ModelTrainer().train(TRAIN_11D, VAL_11D,
        TrainingOptions.STUDY.withCovariance(type));
    Path file = dir.resolve("m.json");
    ModelKey key = ModelKey.readOrCreate(dir.resolve("model.key"));
    trained.save(file, key);
    Model loaded = Model.load(file, key);
    double[] before = trained.score(VAL_11D);
    double[] after = loaded.score(VAL_11D);
    for (int i = 0; i < before.length; i++) {
      assertThat(Double.doubleToRawLongBits(after[i]))
          .as("row %d", i).isEqualTo(Double.doubleToRawLongBits(before[i]));
    }
    assertThat(loaded.threshold()).isEqualTo(trained.threshold());
    assertThat(loaded.document().withSignature(null)).isEqualTo(trained.document());
    assertThat(Files.readString(file)).isEqualTo(ModelJson.toJson(
        ModelJson.signed(trained.document(), key)));
  }

  @Test
  void aChangedModel_aModelSignedWithAnotherKey_andAnUnsignedOne_areRefusedByName()
      throws Exception {
    Model trained = new ModelTrainer().train(TRAIN, VAL, TrainingOptions.STUDY);
    ModelKey key = ModelKey.readOrCreate(dir.resolve("model.key"));
    Path file = dir.resolve("m.json");
    trained.save(file, key);
    // The same key file read again verifies; the file is owner-only.
    assertThat(Model.load(file, ModelKey.read(dir.resolve("model.key"))).threshold())
        .isEqualTo(trained.threshold());
    assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("model.key")))
        .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

    // A threshold raised so that nothing alerts.
    String text = Files.readString(file);
    String raised = text.replaceFirst("(\"threshold\" : \\{[^}]*?\"score\" : )[-0-9.E]+",
        "$11.0E9");
    assertThat(raised).isNotEqualTo(text);
    Path tampered = dir.resolve("tampered.json");
    Files.writeString(tampered, raised);
    assertThatThrownBy(() -> Model.load(tampered, key))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("tampered.json: refused: its content does not match its"
            + " signature");
    assertThat(Model.loadUnverified(tampered).threshold()).isEqualTo(1.0e9);

    ModelKey other = ModelKey.readOrCreate(dir.resolve("other.key"));
    assertThatThrownBy(() -> Model.load(file, other))
        .hasMessageContaining("signed with another key (" + key.id());

    Path unsigned = dir.resolve("unsigned.json");
    Files.writeString(unsigned, golden());
    assertThatThrownBy(() -> Model.load(unsigned, key))
        .hasMessageContaining("unsigned.json: refused: it is not signed")
        .hasMessageContaining("vigil model sign");
  }

  @Test
  void goldenV1File_stillLoads_andScoresLikeAFreshFit() throws Exception {
    Model golden = Model.of(ModelJson.parse(golden()));
    Model fresh = new ModelTrainer(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
        ZoneOffset.UTC)).train(TRAIN, VAL, TrainingOptions.STUDY.withCovariance(
            CovarianceType.FULL));
    assertThat(golden.score(VAL)).containsExactly(fresh.score(VAL));
    assertThat(golden.threshold()).isEqualTo(fresh.threshold());
    assertThat(golden.evaluate(VAL)).isEqualTo(golden.document().validation());
    // Writing what was read gives the same text back.
    assertThat(ModelJson.toJson(golden.document())).isEqualTo(golden());
  }

  @Test
  void newerFormatVersion_isRefusedWithAnUpgradeHint() throws IOException {
    String newer = golden().replace("\"formatVersion\" : 1", "\"formatVersion\" : 3");
    assertThatThrownBy(() -> ModelJson.parse(newer))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("format version 3 is newer")
        .hasMessageContaining("upgrade Vigil");
  }

  @Test
  void otherJson_isNotAModel() {
    assertThatThrownBy(() -> ModelJson.parse("{\"a\":1}"))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("not a Vigil model");
    assertThatThrownBy(() -> ModelJson.parse("{\n\"format\": \"vigil-model\",,}"))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("line 2");
  }

  @Test
  void corruptFittedValues_areRefused() throws IOException {
    String broken = golden().replace("1.7097453308287784", "-1.7097453308287784");
    assertThatThrownBy(() -> Model.of(ModelJson.parse(broken)))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("invalid Gaussian model");
    String unknown = golden().replace("\"algorithm\" : \"gaussian\"", "\"algorithm\" : \"x\"");
    assertThatThrownBy(() -> Model.of(ModelJson.parse(unknown)))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("unknown algorithm 'x'");
  }

  @Test
  void load_missingFile_namesIt() {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> Model.loadUnverified(missing))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("nope.json").hasMessageContaining("no such model file");
  }

  @Test
  void scoring_dataWithColumnsInAnotherOrder_matchesByName() {
    Model m = new ModelTrainer().train(TRAIN, VAL, TrainingOptions.STUDY);
    Dataset swapped = Dataset.of("swapped.csv", java.util.List.of("latency_ms", "throughput_mbps"),
        new double[][] {{TRAIN.rows()[0][1], TRAIN.rows()[0][0]}}, null);
    assertThat(m.score(swapped)[0]).isEqualTo(m.detector().score(TRAIN.rows()[0]));
    Dataset wrong = Dataset.of("wrong.csv", java.util.List.of("cpu", "latency_ms"),
        new double[][] {{1, 2}}, null);
    assertThatThrownBy(() -> m.score(wrong)).hasMessageContaining("wrong.csv")
        .hasMessageContaining("throughput_mbps");
  }
}
