package io.vigil.cli;

import io.vigil.model.Model;
import io.vigil.model.ModelFileException;
import io.vigil.series.CsvDatasetReader;
import io.vigil.series.Dataset;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --model} and {@code --data} options of the commands that apply a model. */
final class ModelInput {
  @Option(names = "--model", required = true, paramLabel = "FILE",
      description = "A model file written by 'vigil train', signed with the model key ($"
          + ModelKeys.VARIABLE + ", else ~/.config/vigil/model.key).")
  Path modelFile;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "CSV with the model's feature columns, in any order; a 'label' column"
          + " (1 = anomaly) is used where the command needs it.")
  Path data;

  Model loadModel() throws ModelFileException {
    return Model.load(modelFile, ModelKeys.forLoading());
  }

  Dataset readData() {
    return CsvDatasetReader.read(data);
  }
}
