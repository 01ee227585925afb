package io.vigil.cli.plot;

import io.vigil.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes charts as PNG files, atomically: a failed write leaves any old file in place. */
public final class Png {
  private Png() {}

  /** Renders {@code chart} into {@code file}. */
  public static void write(Chart<?, ?> chart, Path file) throws IOException {
    var image = BitmapEncoder.getBufferedImage(chart);
    AtomicFile.write(file, os -> {
      if (!ImageIO.write(image, "png", os)) {
        throw new IllegalStateException("this Java runtime has no PNG writer");
      }
    });
  }
}
