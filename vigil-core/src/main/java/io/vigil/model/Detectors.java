package io.vigil.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detect.BatchDetector;
import io.vigil.detect.gaussian.GaussianState;
import io.vigil.detect.gaussian.MultivariateGaussian;
import java.util.List;
import java.util.Map;

/**
 * Turns fitted detectors into the {@code algorithm}, {@code parameters} and {@code fitted}
 * parts of a model file and back. One place per algorithm, so adding an algorithm means adding
 * a case here and nowhere else in the model code.
 */
final class Detectors {

  private Detectors() {}

  /** The {@code parameters} section for {@code detector}. */
  static Map<String, String> parameters(BatchDetector detector) {
    if (detector instanceof MultivariateGaussian g) {
      return Map.of("covariance", g.covarianceType().id());
    }
    throw unknown(detector.algorithm());
  }

  /** The {@code fitted} section for {@code detector}. */
  static JsonNode fitted(BatchDetector detector, ObjectMapper mapper) {
    if (detector instanceof MultivariateGaussian g) {
      return mapper.valueToTree(GaussianState.of(g));
    }
    throw unknown(detector.algorithm());
  }

  /** What a score means for {@code detector}, stated in the model file. */
  static String scoreDefinition(BatchDetector detector) {
    if (detector instanceof MultivariateGaussian) {
      return "negative natural log of the fitted density, in nats; higher is more anomalous";
    }
    throw unknown(detector.algorithm());
  }

  /** Whether the detector's score is −ln of a density, so a threshold has a density ε. */
  static boolean scoresNegativeLogDensity(BatchDetector detector) {
    return detector instanceof MultivariateGaussian;
  }

  /** Rebuilds the detector a model file describes. */
  static BatchDetector restore(ModelDocument doc, ObjectMapper mapper) throws ModelFileException {
    if (MultivariateGaussian.ALGORITHM.equals(doc.algorithm())) {
      GaussianState state;
      try {
        state = mapper.treeToValue(doc.fitted(), GaussianState.class);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new ModelFileException("'fitted' is not a Gaussian state: "
            + e.getOriginalMessage());
      }
      try {
        var type = state.type();
        String declared = doc.parameters() == null ? null : doc.parameters().get("covariance");
        if (declared != null && !declared.equals(type.id())) {
          throw new IllegalArgumentException("parameters say covariance '" + declared
              + "' but the fitted values are " + type.id());
        }
        List<String> features = doc.features();
        return new MultivariateGaussian(features, type, state.mean(), state.covarianceMatrix());
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new ModelFileException("invalid Gaussian model: " + e.getMessage());
      }
    }
    throw new ModelFileException("unknown algorithm '" + doc.algorithm() + "'");
  }

  private static IllegalArgumentException unknown(String algorithm) {
    return new IllegalArgumentException("no model-file support for algorithm " + algorithm);
  }
}
