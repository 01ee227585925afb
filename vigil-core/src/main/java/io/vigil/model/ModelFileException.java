package io.vigil.model;

/** A model file that cannot be used: unreadable, not a Vigil model, too new, or inconsistent. */
public final class ModelFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public ModelFileException(String message) {
    super(message);
  }

  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
