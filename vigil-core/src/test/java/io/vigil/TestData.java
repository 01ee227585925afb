package io.vigil;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the datasets shipped in the repository's {@code datasets/} folder. */
public final class TestData {
  private TestData() {}

  /** {@code datasets/<relative>}, checked to exist. */
  public static Path dataset(String relative) {
    String root = System.getProperty("vigil.datasets", "../datasets");
    Path p = Path.of(root, relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("test data not found: " + p.toAbsolutePath());
    }
    return p;
  }

  /** A file of the seed study's data, {@code datasets/server-gaussian/<name>}. */
  public static Path serverGaussian(String name) {
    return dataset("server-gaussian/" + name);
  }
}
