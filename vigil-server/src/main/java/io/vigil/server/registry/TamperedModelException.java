package io.vigil.server.registry;

/**
 * A model version whose stored threshold, spec or trained state no longer matches its
 * signature: it was changed outside Vigil, and is not used.
 */
public final class TamperedModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TamperedModelException(String message) {
    super(message);
  }
}
