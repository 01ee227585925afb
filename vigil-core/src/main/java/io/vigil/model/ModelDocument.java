package io.vigil.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.eval.Evaluation;
import java.util.List;
import java.util.Map;

/**
 * A fitted model as written to a {@code model.json} file.
 *
 * <p>Format version 2 (version 1 had no signature). A reader refuses a higher version rather than guess; a change that
 * alters the meaning of a field raises the version, and every released version keeps a golden
 * file in the tests.
 *
 * @param format always {@value #FORMAT}: tells a model file from other JSON
 * @param formatVersion the layout version, {@value #FORMAT_VERSION} for this class
 * @param algorithm the detector, e.g. {@code gaussian}
 * @param parameters the detector's settings as the user chose them, e.g. {@code covariance}
 * @param features the input columns, in the order the fitted values use
 * @param fitted the algorithm's fitted values (for {@code gaussian}, a {@code GaussianState})
 * @param score what the score means, in words
 * @param threshold the cut above which a score is an anomaly, and how it was chosen
 * @param training the training data's size and how many of its rows the threshold flags
 * @param validation the model's figures on its labelled validation data; null without one
 * @param provenance data hashes, time and versions
 * @param signature the {@link ModelKey} signature of the document without it; null before it
 *     is signed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"format", "formatVersion", "algorithm", "parameters", "features", "fitted",
    "score", "threshold", "training", "validation", "provenance", "signature"})
public record ModelDocument(
    String format,
    int formatVersion,
    String algorithm,
    Map<String, String> parameters,
    List<String> features,
    JsonNode fitted,
    String score,
    Threshold threshold,
    Training training,
    Evaluation validation,
    Provenance provenance,
    String signature) {

  /** The value of {@link #format()}. */
  public static final String FORMAT = "vigil-model";

  /** The format version this Vigil writes and the highest it reads. */
  public static final int FORMAT_VERSION = 2;

  /** Unsigned. */
  public ModelDocument(String format, int formatVersion, String algorithm,
      Map<String, String> parameters, List<String> features, JsonNode fitted, String score,
      Threshold threshold, Training training, Evaluation validation, Provenance provenance) {
    this(format, formatVersion, algorithm, parameters, features, fitted, score, threshold,
        training, validation, provenance, null);
  }

  /** This document with {@code newSignature} (null: unsigned). */
  public ModelDocument withSignature(String newSignature) {
    return new ModelDocument(format, formatVersion, algorithm, parameters, features, fitted,
        score, threshold, training, validation, provenance, newSignature);
  }

  /**
   * The threshold: a row is an anomaly when its score is strictly above {@code score}.
   *
   * @param method how it was chosen ({@code f1-step-sweep}, {@code f1-exact}, {@code
   *     contamination})
   * @param score the cut on the score scale
   * @param steps sweep steps, for {@code f1-step-sweep}
   * @param contamination the flagged training fraction, for {@code contamination}
   * @param epsilon for density models, the density cut ε = exp(−score): p &lt; ε is an anomaly
   *     (0 when it underflows a double; {@code log10Epsilon} stays exact)
   * @param log10Epsilon for density models, log₁₀ ε
   * @param alternatives what the other threshold searches would have chosen on the same
   *     validation data, for comparison
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Threshold(
      String method,
      double score,
      Integer steps,
      Double contamination,
      Double epsilon,
      Double log10Epsilon,
      List<Alternative> alternatives) {}

  /**
   * A threshold another search would have chosen, and its validation figures.
   *
   * @param method the search
   * @param score its cut
   * @param epsilon its density cut, for density models
   * @param precision on validation
   * @param recall on validation
   * @param f1 on validation
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Alternative(
      String method, double score, Double epsilon, double precision, double recall, double f1) {}

  /**
   * @param rows training rows
   * @param outliers training rows the threshold flags
   */
  public record Training(long rows, long outliers) {}
}
