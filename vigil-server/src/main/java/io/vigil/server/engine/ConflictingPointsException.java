package io.vigil.server.engine;

import java.util.List;

/**
 * A batch refused whole because some of its points give a series another value at a time it
 * already has one for: nothing of it was stored.
 */
public final class ConflictingPointsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  ConflictingPointsException(List<String> problems) {
    super("the batch was refused, nothing of it was stored: " + problems.get(0)
        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
    this.problems = List.copyOf(problems);
  }

  /** Each conflicting point, named by its place in the batch. */
  public List<String> problems() {
    return problems;
  }
}
