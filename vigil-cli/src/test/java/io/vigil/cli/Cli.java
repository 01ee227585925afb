package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the {@code vigil} command in-process, as a user would from a shell. */
final class Cli {
  private Cli() {}

  /** What a run printed and returned. */
  record Result(int exitCode, String out, String err) {
    JsonNode json() {
      try {
        return new ObjectMapper().readTree(out);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + out, e);
      }
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = VigilCommand.newCommandLine(new PrintWriter(out), new PrintWriter(err))
        .execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** {@code datasets/server-gaussian/<name>} as a string argument. */
  static String seed(String name) {
    Path p = Path.of(System.getProperty("vigil.datasets", "../datasets"), "server-gaussian", name);
    if (!Files.exists(p)) {
      throw new IllegalStateException("test data not found: " + p.toAbsolutePath());
    }
    return p.toString();
  }
}
