package io.vigil.model;

import io.vigil.series.DataFormatException;
import io.vigil.series.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a dataset's columns in the order a model expects, matching by name, so a file whose
 * columns are in another order still scores correctly. A missing or unknown column is an error
 * naming the file and the column: guessing which column is meant would give silent nonsense.
 */
final class FeatureAlignment {

  private FeatureAlignment() {}

  /** The rows of {@code data} with columns in {@code features} order. */
  static double[][] rows(Dataset data, List<String> features) {
    if (data.featureNames().equals(features)) {
      return data.rows();
    }
    int[] source = new int[features.size()];
    for (int j = 0; j < features.size(); j++) {
      source[j] = data.featureNames().indexOf(features.get(j));
      if (source[j] < 0) {
        throw new DataFormatException(data.source(), 1, features.get(j),
            "the model needs this column but the file lacks it (the file has "
                + data.featureNames() + ")");
      }
    }
    List<String> unknown = new ArrayList<>(data.featureNames());
    unknown.removeAll(features);
    if (!unknown.isEmpty()) {
      throw new DataFormatException(data.source(), 1, unknown.get(0),
          "the model has no such feature (it knows " + features + "); remove the column");
    }
    double[][] out = new double[data.size()][features.size()];
    for (int i = 0; i < out.length; i++) {
      double[] row = data.rows()[i];
      for (int j = 0; j < source.length; j++) {
        out[i][j] = row[source[j]];
      }
    }
    return out;
  }
}
