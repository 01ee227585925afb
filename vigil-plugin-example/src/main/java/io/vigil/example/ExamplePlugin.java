package io.vigil.example;

import io.vigil.detect.DetectorDescriptor;
import io.vigil.detect.multi.BatchDetectorDescriptor;
import io.vigil.plugin.VigilPlugin;
import java.util.List;

/**
 * The example plug-in: listed in {@code META-INF/services/io.vigil.plugin.VigilPlugin}, so
 * that {@code vigil --plugins DIR} finds it in its jar.
 */
public final class ExamplePlugin implements VigilPlugin {

  @Override
  public String name() {
    return "vigil-plugin-example";
  }

  @Override
  public List<DetectorDescriptor> streamingDetectors() {
    return List.of(MedianDistance.DESCRIPTOR);
  }

  @Override
  public List<BatchDetectorDescriptor> batchDetectors() {
    return List.of(new BatchDetectorDescriptor(MaxRobustZ.ALGORITHM,
        "the largest robust z-score of a row's features", (train, seed) -> MaxRobustZ.fit(train)));
  }
}
