package io.vigil.detect.multi;

import io.vigil.detect.BatchDetector;
import io.vigil.series.Dataset;
import java.util.Objects;

/**
 * A multivariate algorithm as a plug-in gives it: a name, what it asks in a sentence, and how
 * to fit it on training rows.
 *
 * @param name the name the command line and the benches use
 * @param summary what it asks, in one sentence
 * @param fitter fits it
 */
public record BatchDetectorDescriptor(String name, String summary, Fitter fitter) {

  /** Fits the algorithm on training rows. */
  @FunctionalInterface
  public interface Fitter {
    /**
     * @param train the training rows (taken to be normal)
     * @param seed seeds a randomised fit, so it is repeatable
     */
    BatchDetector fit(Dataset train, long seed);
  }

  public BatchDetectorDescriptor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(fitter, "fitter");
  }
}
