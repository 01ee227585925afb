package io.vigil.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A secret in the configuration, given the way deployments hand secrets over rather than
 * written in the file: {@code {env: NAME}} (an environment variable), {@code {file: PATH}} (a
 * mounted Kubernetes or Docker secret; one trailing newline dropped), or, discouraged, the
 * value itself. Errors name the setting, never the value.
 */
final class Secrets {
  private Secrets() {}

  static String read(Object given, String at) {
    return read(given, at, System::getenv);
  }

  static String read(Object given, String at, java.util.function.UnaryOperator<String> env) {
    if (given instanceof String s) {
      return nonEmpty(s, at);
    }
    if (!(given instanceof Map<?, ?> m) || m.size() != 1
        || !(m.containsKey("env") || m.containsKey("file"))
        || !(m.values().iterator().next() instanceof String name)) {
      throw new IllegalArgumentException(at + ": give {env: VARIABLE} or {file: PATH}");
    }
    if (m.containsKey("env")) {
      String value = env.apply(name);
      if (value == null) {
        throw new IllegalArgumentException(at + ": the environment variable " + name
            + " is not set");
      }
      return nonEmpty(value, at + " (from $" + name + ")");
    }
    try {
      String value = Files.readString(Path.of(name), StandardCharsets.UTF_8);
      return nonEmpty(value.endsWith("\n") ? value.substring(0, value.length() - 1) : value,
          at + " (from " + name + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException(at + ": cannot read " + name + ": "
          + e.getClass().getSimpleName(), e);
    }
  }

  private static String nonEmpty(String value, String at) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(at + ": empty");
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(at + ": holds a line break, which cannot go in an"
          + " HTTP header");
    }
    return value;
  }
}
