package io.vigil.model;

import io.vigil.detect.BatchDetector;
import io.vigil.detect.SequentialDetector;
import io.vigil.eval.Evaluation;
import io.vigil.series.DataFormatException;
import io.vigil.series.Dataset;
import java.io.IOException;
import java.nio.file.Path;

/** A fitted detector with its threshold and record: what {@code vigil detect} runs. */
public final class Model {
  private final ModelDocument document;
  private final BatchDetector detector;

  Model(ModelDocument document, BatchDetector detector) {
    this.document = document;
    this.detector = detector;
  }

  /**
   * Loads a model file signed with {@code key}.
   *
   * @throws ModelFileException naming the file when it is unreadable, not a model, not
   *     signed with {@code key}, or changed since it was signed
   */
  public static Model load(Path file, ModelKey key) throws ModelFileException {
    return loaded(file, ModelJson.read(file, key));
  }

  /** Loads a model file without checking its signature: for tests and inspection only. */
  public static Model loadUnverified(Path file) throws ModelFileException {
    return loaded(file, ModelJson.readUnverified(file));
  }

  private static Model loaded(Path file, ModelDocument doc) throws ModelFileException {
    try {
      return of(doc);
    } catch (ModelFileException e) {
      throw new ModelFileException(file + ": " + e.getMessage(), e);
    }
  }

  /** The model a document describes. */
  public static Model of(ModelDocument doc) throws ModelFileException {
    if (doc.features() == null || doc.features().isEmpty()) {
      throw new ModelFileException("the model lists no features");
    }
    if (doc.threshold() == null || Double.isNaN(doc.threshold().score())) {
      throw new ModelFileException("the model has no threshold");
    }
    return new Model(doc, Detectors.restore(doc, ModelJson.MAPPER));
  }

  /** Writes the model file atomically, signed with {@code key}. */
  public void save(Path file, ModelKey key) throws IOException {
    ModelJson.write(document, file, key);
  }

  /** The document this model was built from or will be saved as. */
  public ModelDocument document() {
    return document;
  }

  /** The fitted detector. */
  public BatchDetector detector() {
    return detector;
  }

  /** The score above which a row is an anomaly. */
  public double threshold() {
    return document.threshold().score();
  }

  /** Whether {@code score} is an anomaly. */
  public boolean flags(double score) {
    return score > threshold();
  }

  /**
   * The score of every row of {@code data}, matching its columns to the model's features by
   * name.
   *
   * @throws DataFormatException when a feature is missing or a column is unknown
   */
  public double[] score(Dataset data) {
    return scores(detector, data);
  }

  /**
   * {@code detector}'s score of every row of {@code data}, columns matched by name, read in
   * order: a detector that learns as it goes does so ({@link SequentialDetector}).
   */
  static double[] scores(BatchDetector detector, Dataset data) {
    return SequentialDetector.scoreInOrder(detector,
        FeatureAlignment.rows(data, detector.featureNames()));
  }

  /** Whether each of {@code scores} is an anomaly. */
  public boolean[] flags(double[] scores) {
    boolean[] out = new boolean[scores.length];
    for (int i = 0; i < scores.length; i++) {
      out[i] = flags(scores[i]);
    }
    return out;
  }

  /** The rows of {@code data} in the model's feature order. */
  public double[][] alignedRows(Dataset data) {
    return FeatureAlignment.rows(data, detector.featureNames());
  }

  /**
   * The model's figures on labelled {@code data}.
   *
   * @throws DataFormatException when the data has no label column
   */
  public Evaluation evaluate(Dataset data) {
    if (!data.hasLabels()) {
      throw new DataFormatException(data.source(), 1, null,
          "no 'label' column: evaluation needs a 0/1 label on every row");
    }
    return Evaluation.of(score(data), data.labels(), threshold());
  }
}
