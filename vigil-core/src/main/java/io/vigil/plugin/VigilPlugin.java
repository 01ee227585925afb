package io.vigil.plugin;

import io.vigil.detect.DetectorDescriptor;
import io.vigil.detect.multi.BatchDetectorDescriptor;
import java.util.List;

/**
 * What a plug-in jar adds to Vigil, found through {@link java.util.ServiceLoader}: the jar
 * lists its implementation in {@code META-INF/services/io.vigil.plugin.VigilPlugin}, and
 * {@link Plugins#load} reads every jar of a folder.
 *
 * <p>A streaming detector is a {@link DetectorDescriptor}: its name, parameters with ranges and
 * defaults, a factory making an {@link io.vigil.detect.AbstractStreamingDetector}, and a state
 * reader per layout version, exactly as Vigil's own detectors are described; the command line
 * ({@code vigil detect --detector NAME}, {@code vigil bench accuracy --detectors NAME}), model
 * training candidates and the service's {@code detectors:} rules then use it by name, and its
 * checkpoints restore like any other. A batch detector is a {@link BatchDetectorDescriptor};
 * {@code vigil bench multivariate} runs it.
 */
public interface VigilPlugin {

  /** The plug-in's name, for logs and error messages. */
  String name();

  /** Its streaming (one series) detectors. */
  default List<DetectorDescriptor> streamingDetectors() {
    return List.of();
  }

  /** Its multivariate batch detectors. */
  default List<BatchDetectorDescriptor> batchDetectors() {
    return List.of();
  }
}
