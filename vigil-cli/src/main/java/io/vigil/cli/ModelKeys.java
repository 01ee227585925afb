package io.vigil.cli;

import io.vigil.model.ModelKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the command line keeps the key that signs model files: {@code $VIGIL_MODEL_KEY_FILE},
 * else {@code $XDG_CONFIG_HOME/vigil/model.key} ({@code ~/.config/vigil/model.key}). {@code
 * vigil train} makes it on first use; a machine that only scores gets a copy of the trainer's.
 */
final class ModelKeys {
  static final String VARIABLE = "VIGIL_MODEL_KEY_FILE";

  private ModelKeys() {}

  static Path location() {
    String given = System.getenv(VARIABLE);
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    String config = System.getenv("XDG_CONFIG_HOME");
    Path base = config != null && !config.isBlank() ? Path.of(config)
        : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("vigil").resolve("model.key");
  }

  /** The key to sign with, made if there is none yet. */
  static ModelKey forSigning() {
    Path file = location();
    try {
      return ModelKey.readOrCreate(file);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read or make the model key: "
          + e.getMessage(), e);
    }
  }

  /** The key models are checked with; there must be one. */
  static ModelKey forLoading() {
    Path file = location();
    try {
      return ModelKey.read(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no model key at " + file + ": models are checked"
          + " with the key that signed them; copy the training machine's key there or set "
          + VARIABLE, e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read the model key: " + e.getMessage(), e);
    }
  }
}
