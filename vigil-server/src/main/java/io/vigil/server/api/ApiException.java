package io.vigil.server.api;

import java.util.List;

/**
 * A request Vigil will not serve, with the HTTP status to answer and every problem found.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient List<String> problems;

  public ApiException(int status, String message, List<String> problems) {
    super(message);
    this.status = status;
    this.problems = List.copyOf(problems);
  }

  public ApiException(int status, String message) {
    this(status, message, List.of());
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** Each problem, naming where it is (for example {@code [3].value}). */
  public List<String> problems() {
    return problems;
  }
}
