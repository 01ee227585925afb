package io.vigil.cli;

import static io.vigil.cli.Cli.run;
import static io.vigil.cli.Cli.seed;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.cli.plot.AnomalyScatterPlot;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
  @TempDir Path dir;

  private static int count(BufferedImage img, Color c) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) {
          n++;
        }
      }
    }
    return n;
  }

  private String train(String data, String validation) {
    String model = dir.resolve("m.json").toString();
    assertThat(run("train", "--data", seed(data), "--validation", seed(validation), "--model",
        model).exitCode()).isZero();
    return model;
  }

  @Test
  void plot2d_writesAPngWithPointsContoursAndCircledAnomalies() throws Exception {
    String model = train("train.csv", "validation.csv");
    Path png = dir.resolve("plot.png");
    Cli.Result r = run("plot", "--model", model, "--data", seed("validation.csv"), "--output",
        png.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json().get("x").asText()).isEqualTo("throughput_mbps");
    assertThat(Files.size(png)).isGreaterThan(20_000);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1000);
    assertThat(img.getHeight()).isEqualTo(800);
    assertThat(img.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF); // white background
    assertThat(count(img, AnomalyScatterPlot.NORMAL)).isGreaterThan(1000); // 298 points
    assertThat(count(img, AnomalyScatterPlot.LABELLED)).isGreaterThan(50); // 9 diamonds
    // 7 rings plus the threshold ellipse, drawn in the flag colour.
    assertThat(count(img, AnomalyScatterPlot.FLAGGED)).isGreaterThan(500);
  }

  @Test
  void plot11d_picksTwoFeatures_orTheOnesAskedFor() throws Exception {
    String model = train("train-11d.csv", "validation-11d.csv");
    Path png = dir.resolve("p.png");
    Cli.Result auto = run("plot", "--model", model, "--data", seed("validation-11d.csv"),
        "--output", png.toString(), "--json");
    assertThat(auto.exitCode()).as(auto.err()).isZero();
    assertThat(auto.json().get("flagged").asInt()).isEqualTo(16);
    assertThat(auto.json().get("x").asText()).isNotEqualTo(auto.json().get("y").asText());
    Cli.Result chosen = run("plot", "--model", model, "--data", seed("validation-11d.csv"),
        "--output", png.toString(), "--features", "f3,f7", "--json");
    assertThat(chosen.json().get("x").asText()).isEqualTo("f3");
    assertThat(chosen.json().get("y").asText()).isEqualTo("f7");
    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(1000);
  }

  @Test
  void plot_unknownFeature_isAUsageError() {
    String model = train("train.csv", "validation.csv");
    Cli.Result r = run("plot", "--model", model, "--data", seed("validation.csv"), "--output",
        dir.resolve("p.png").toString(), "--features", "cpu,latency_ms");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no feature 'cpu'");
    assertThat(Files.exists(dir.resolve("p.png"))).isFalse();
  }
}
