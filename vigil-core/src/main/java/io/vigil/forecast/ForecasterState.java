package io.vigil.forecast;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A forecaster's complete state, compact and versioned: {@link Forecasters#restore} gives a
 * forecaster that continues exactly (bit for bit) where the original was.
 *
 * @param method the forecaster's name, which picks the reader
 * @param formatVersion the layout of {@code bytes}; a reader refuses versions it does not know
 * @param bytes the parameters, then what was learnt, in the forecaster's binary layout
 */
public record ForecasterState(String method, int formatVersion, byte[] bytes) {
  public ForecasterState {
    Objects.requireNonNull(method, "method");
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ForecasterState s && s.method.equals(method)
        && s.formatVersion == formatVersion && Arrays.equals(s.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, formatVersion, Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    return method + " state v" + formatVersion + " (" + bytes.length + " bytes)";
  }

  /** Writes a state with {@code writer}. */
  static ForecasterState write(String method, int version, Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return new ForecasterState(method, version, bytes.toByteArray());
  }

  /** The state's bytes to read, once its version is known to the reader. */
  DataInput reader(int knownVersion) {
    if (formatVersion != knownVersion) {
      throw new IllegalArgumentException(method + " state version " + formatVersion
          + " is not known to this Vigil (it reads version " + knownVersion + ")");
    }
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }

  /** Writes one forecaster's fields. */
  @FunctionalInterface
  interface Writer {
    void write(DataOutput out) throws IOException;
  }
}
