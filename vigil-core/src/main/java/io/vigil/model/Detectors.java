package io.vigil.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detect.BatchDetector;
import io.vigil.detect.ensemble.RowEnsemble;
import io.vigil.detect.ensemble.TailCalibration;
import io.vigil.detect.gaussian.GaussianState;
import io.vigil.detect.gaussian.MultivariateGaussian;
import io.vigil.detect.multi.VaryingColumns;
import io.vigil.detect.neighbours.NearestNeighbourDistance;
import io.vigil.detect.neural.DenseAutoencoder;
import io.vigil.detect.range.TrainingRange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Turns fitted detectors into the {@code algorithm}, {@code parameters} and {@code fitted}
 * parts of a model file and back. One place per algorithm, so adding an algorithm means adding
 * a case here and nowhere else in the model code.
 *
 * <p>The fitted values are written as JSON where they are numbers a reader may want to see (a
 * Gaussian's mean and covariance, a range's minima and maxima, k-NN's reference rows, each
 * ensemble member's calibration scores); the autoencoder's weights go in its own versioned
 * binary layout, base64-encoded, since thousands of weights read by no one are not worth
 * spelling out. Restoring repeats the original arithmetic, so scores are bit-identical.
 */
final class Detectors {

  /** The algorithms a model file can hold; the isolation forest, RCF and PCA are not saved. */
  static final List<String> ALGORITHMS = List.of(MultivariateGaussian.ALGORITHM,
      RowEnsemble.ALGORITHM, NearestNeighbourDistance.ALGORITHM, TrainingRange.ALGORITHM,
      DenseAutoencoder.ALGORITHM);

  /**
   * An ensemble's {@code fitted} section: the columns it was fitted on (null for all), the
   * values the others held over {@code trainingRows} rows, and its members.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EnsembleState(int[] columns, double[] constants, Long trainingRows,
      List<MemberState> members) {}

  /**
   * One ensemble member: its algorithm, its own {@code fitted} section, and the scores of the
   * held-back training rows it is calibrated on.
   */
  record MemberState(String algorithm, JsonNode fitted, double[] calibration) {}

  /** An autoencoder's {@code fitted} section. */
  record AutoencoderState(String weights) {}

  private Detectors() {}

  /** The {@code parameters} section for {@code detector}. */
  static Map<String, String> parameters(BatchDetector detector) {
    if (detector instanceof MultivariateGaussian g) {
      return Map.of("covariance", g.covarianceType().id());
    }
    if (detector instanceof NearestNeighbourDistance k) {
      return Map.of("k", Integer.toString(k.state().k()));
    }
    RowEnsemble e = ensemble(detector);
    if (e != null) {
      return Map.of("members", String.join(",", e.memberAlgorithms()));
    }
    if (detector instanceof TrainingRange || detector instanceof DenseAutoencoder) {
      return Map.of();
    }
    throw unknown(detector.algorithm());
  }

  /** The {@code fitted} section for {@code detector}. */
  static JsonNode fitted(BatchDetector detector, ObjectMapper mapper) {
    if (detector instanceof MultivariateGaussian g) {
      return mapper.valueToTree(GaussianState.of(g));
    }
    if (detector instanceof NearestNeighbourDistance k) {
      return mapper.valueToTree(k.state());
    }
    if (detector instanceof TrainingRange r) {
      return mapper.valueToTree(r.state());
    }
    if (detector instanceof DenseAutoencoder a) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        a.write(out);
      } catch (IOException e) {
        throw new IllegalStateException("writing to memory failed", e);
      }
      return mapper.valueToTree(new AutoencoderState(
          Base64.getEncoder().encodeToString(bytes.toByteArray())));
    }
    RowEnsemble e = ensemble(detector);
    if (e != null) {
      List<MemberState> members = new ArrayList<>();
      for (int m = 0; m < e.members().size(); m++) {
        BatchDetector member = e.members().get(m);
        members.add(new MemberState(member.algorithm(), fitted(member, mapper),
            e.calibrations().get(m).scores()));
      }
      VaryingColumns v = detector instanceof VaryingColumns c ? c : null;
      return mapper.valueToTree(new EnsembleState(v == null ? null : v.kept(),
          v == null ? null : v.constantValues(), v == null ? null : v.trainingRows(), members));
    }
    throw unknown(detector.algorithm());
  }

  /** What a score means for {@code detector}, stated in the model file. */
  static String scoreDefinition(BatchDetector detector) {
    return switch (detector.algorithm()) {
      case MultivariateGaussian.ALGORITHM ->
          "negative natural log of the fitted density, in nats; higher is more anomalous";
      case RowEnsemble.ALGORITHM -> "surprise (-log10 of the tail probability) of the members'"
          + " calibrated tails combined by Fisher's method; higher is more anomalous";
      case NearestNeighbourDistance.ALGORITHM -> "mean Euclidean distance, in training standard"
          + " deviations, to the k nearest training rows; higher is more anomalous";
      case TrainingRange.ALGORITHM -> "sum over features of the distance beyond the training"
          + " minimum or maximum, in training ranges; 0 inside every range";
      case DenseAutoencoder.ALGORITHM -> "mean squared reconstruction error of the standardised"
          + " row" + (((DenseAutoencoder) detector).window() > 1 ? ", in a window with the "
              + (((DenseAutoencoder) detector).window() - 1) + " rows before it" : "")
          + "; higher is more anomalous";
      default -> throw unknown(detector.algorithm());
    };
  }

  /** Whether the detector's score is −ln of a density, so a threshold has a density ε. */
  static boolean scoresNegativeLogDensity(BatchDetector detector) {
    return detector instanceof MultivariateGaussian;
  }

  /** Rebuilds the detector a model file describes. */
  static BatchDetector restore(ModelDocument doc, ObjectMapper mapper) throws ModelFileException {
    if (doc.fitted() == null) {
      throw new ModelFileException("'fitted' is missing");
    }
    if (MultivariateGaussian.ALGORITHM.equals(doc.algorithm())) {
      String declared = doc.parameters() == null ? null : doc.parameters().get("covariance");
      return gaussian(doc.features(), doc.fitted(), declared, mapper);
    }
    return restore(doc.algorithm(), doc.features(), doc.fitted(), mapper);
  }

  private static BatchDetector restore(String algorithm, List<String> features, JsonNode fitted,
      ObjectMapper mapper) throws ModelFileException {
    if (features == null || features.isEmpty()) {
      throw new ModelFileException("'features' is missing or empty");
    }
    try {
      return switch (algorithm) {
        case MultivariateGaussian.ALGORITHM -> gaussian(features, fitted, null, mapper);
        case NearestNeighbourDistance.ALGORITHM -> NearestNeighbourDistance.restore(features,
            read(fitted, NearestNeighbourDistance.State.class, "a k-NN state", mapper));
        case TrainingRange.ALGORITHM -> TrainingRange.restore(features,
            read(fitted, TrainingRange.State.class, "a training range", mapper));
        case DenseAutoencoder.ALGORITHM -> autoencoder(features,
            read(fitted, AutoencoderState.class, "an autoencoder state", mapper));
        case RowEnsemble.ALGORITHM -> ensemble(features,
            read(fitted, EnsembleState.class, "an ensemble state", mapper), mapper);
        default -> throw new ModelFileException("unknown algorithm '" + algorithm
            + "'; a model file holds one of " + String.join(", ", ALGORITHMS));
      };
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ModelFileException("invalid " + algorithm + " model: " + e.getMessage());
    }
  }

  private static BatchDetector gaussian(List<String> features, JsonNode fitted, String declared,
      ObjectMapper mapper) throws ModelFileException {
    GaussianState state = read(fitted, GaussianState.class, "a Gaussian state", mapper);
    try {
      var type = state.type();
      if (declared != null && !declared.equals(type.id())) {
        throw new IllegalArgumentException("parameters say covariance '" + declared
            + "' but the fitted values are " + type.id());
      }
      return new MultivariateGaussian(features, type, state.mean(), state.covarianceMatrix());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ModelFileException("invalid Gaussian model: " + e.getMessage());
    }
  }

  private static BatchDetector autoencoder(List<String> features, AutoencoderState state)
      throws ModelFileException {
    DenseAutoencoder a;
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(
        Base64.getDecoder().decode(state.weights())))) {
      a = DenseAutoencoder.read(in);
    } catch (IOException e) {
      throw new ModelFileException("invalid autoencoder weights: " + e.getMessage());
    }
    if (!a.featureNames().equals(features)) {
      throw new ModelFileException("the autoencoder's features " + a.featureNames()
          + " are not the model's " + features);
    }
    return a;
  }

  private static BatchDetector ensemble(List<String> features, EnsembleState state,
      ObjectMapper mapper) throws ModelFileException {
    if (state.members() == null || state.members().isEmpty()) {
      throw new ModelFileException("invalid ensemble model: no members");
    }
    List<String> inside = features;
    if (state.columns() != null) {
      inside = new ArrayList<>();
      for (int j : state.columns()) {
        if (j < 0 || j >= features.size()) {
          throw new ModelFileException("invalid ensemble model: column " + j + " of "
              + features.size() + " features");
        }
        inside.add(features.get(j));
      }
    }
    List<BatchDetector> members = new ArrayList<>();
    List<TailCalibration> calibrations = new ArrayList<>();
    for (MemberState m : state.members()) {
      if (m.algorithm() == null || m.calibration() == null) {
        throw new ModelFileException("invalid ensemble model: a member without its"
            + " 'algorithm' or 'calibration'");
      }
      if (m.algorithm().equals(RowEnsemble.ALGORITHM)) {
        throw new ModelFileException("invalid ensemble model: an ensemble inside an ensemble");
      }
      members.add(restore(m.algorithm(), inside, m.fitted(), mapper));
      calibrations.add(new TailCalibration(m.calibration()));
    }
    RowEnsemble e = RowEnsemble.of(inside, members, calibrations);
    if (state.columns() == null) {
      return e;
    }
    if (state.constants() == null || state.trainingRows() == null) {
      throw new ModelFileException("invalid ensemble model: 'columns' without 'constants' and"
          + " 'trainingRows'");
    }
    return VaryingColumns.restore(features, state.columns(), state.constants(),
        state.trainingRows(), e);
  }

  private static <T> T read(JsonNode fitted, Class<T> type, String what, ObjectMapper mapper)
      throws ModelFileException {
    if (fitted == null || fitted.isNull()) {
      throw new ModelFileException("'fitted' is missing");
    }
    try {
      return mapper.treeToValue(fitted, type);
    } catch (JsonProcessingException e) {
      throw new ModelFileException("'fitted' is not " + what + ": " + e.getOriginalMessage());
    }
  }

  /** The ensemble inside {@code detector}, or null when it is not one. */
  private static RowEnsemble ensemble(BatchDetector detector) {
    if (detector instanceof RowEnsemble e) {
      return e;
    }
    if (detector instanceof VaryingColumns v && v.inner() instanceof RowEnsemble e) {
      return e;
    }
    return null;
  }

  private static IllegalArgumentException unknown(String algorithm) {
    return new IllegalArgumentException("no model-file support for algorithm " + algorithm
        + "; a model file holds one of " + String.join(", ", ALGORITHMS));
  }
}
