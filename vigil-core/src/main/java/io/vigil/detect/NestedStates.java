package io.vigil.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** How a wrapper keeps the state of a detector it wraps: algorithm, version, length, bytes. */
public final class NestedStates {
  private static final int MAX_BYTES = 64 << 20;

  private NestedStates() {}

  /** Writes {@code state} framed. */
  public static void write(DetectorState state, DataOutput out) throws IOException {
    out.writeUTF(state.algorithm());
    out.writeInt(state.formatVersion());
    byte[] bytes = state.bytes();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** Reads what {@link #write} wrote. */
  public static DetectorState read(DataInput in) throws IOException {
    String algorithm = in.readUTF();
    int version = in.readInt();
    int length = in.readInt();
    if (length < 0 || length > MAX_BYTES) {
      throw new IOException("a nested state of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new DetectorState(algorithm, version, bytes);
  }

  /** Reads a framed state and restores it through {@code nested}. */
  public static AbstractStreamingDetector restore(DataInput in,
      StateReader.StateRestorer nested) throws IOException {
    return nested.restore(read(in));
  }
}
