package io.vigil.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of Vigil that is running, as the build recorded it. */
public final class VigilVersion {

  private static final String VERSION = load();

  private VigilVersion() {}

  /** For example {@code 0.1.0}. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = VigilVersion.class.getResourceAsStream("/io/vigil/vigil-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
