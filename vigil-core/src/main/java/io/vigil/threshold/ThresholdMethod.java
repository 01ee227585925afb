package io.vigil.threshold;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a threshold was chosen. */
public enum ThresholdMethod {
  /**
   * The seed study's sweep: equal steps in density between the lowest and highest validation
   * density, keeping the best F1. Coarse where densities crowd near zero.
   */
  F1_STEP_SWEEP("f1-step-sweep"),
  /** Every distinct validation score tried as a cut: the best F1 that validation data allows. */
  F1_EXACT("f1-exact"),
  /** No labels: flag the given fraction of the training rows. */
  CONTAMINATION("contamination");

  private final String id;

  ThresholdMethod(String id) {
    this.id = id;
  }

  /** The name used in model files and on the command line. */
  public String id() {
    return id;
  }

  /** Parses an {@link #id()}. */
  public static ThresholdMethod parse(String text) {
    for (ThresholdMethod m : values()) {
      if (m.id.equalsIgnoreCase(text)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown threshold method '" + text + "': use one of "
        + Arrays.stream(values()).map(ThresholdMethod::id).collect(Collectors.joining(", ")));
  }

  /** Whether the method needs labelled validation data. */
  public boolean needsLabels() {
    return this != CONTAMINATION;
  }
}
