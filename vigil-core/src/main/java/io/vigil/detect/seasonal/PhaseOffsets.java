package io.vigil.detect.seasonal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * How a seasonal model's per-phase offsets are written, in each layout the seasonal detectors
 * have had: version 1 a visited flag and a double per phase; 2 a flag byte per phase and a
 * float for each visited one; 3 the flags as a bitmap, then the visited phases' floats (a
 * day's 96 phases and a week's 168 cost 33 bytes of flags instead of 264).
 */
final class PhaseOffsets {
  private PhaseOffsets() {}

  static void write(boolean[] visited, float[] offsets, DataOutput out) throws IOException {
    for (int start = 0; start < visited.length; start += 8) {
      int bits = 0;
      for (int k = 0; k < 8 && start + k < visited.length; k++) {
        bits |= visited[start + k] ? 1 << k : 0;
      }
      out.writeByte(bits);
    }
    for (int b = 0; b < visited.length; b++) {
      if (visited[b]) {
        out.writeFloat(offsets[b]);
      }
    }
  }

  static void read(boolean[] visited, float[] offsets, DataInput in, int version)
      throws IOException {
    if (version >= 3) {
      for (int start = 0; start < visited.length; start += 8) {
        int bits = in.readUnsignedByte();
        for (int k = 0; k < 8 && start + k < visited.length; k++) {
          visited[start + k] = (bits & 1 << k) != 0;
        }
      }
      for (int b = 0; b < visited.length; b++) {
        offsets[b] = visited[b] ? in.readFloat() : 0;
      }
      return;
    }
    for (int b = 0; b < visited.length; b++) {
      visited[b] = in.readBoolean();
      if (version == 1) {
        offsets[b] = (float) in.readDouble();
      } else if (visited[b]) {
        offsets[b] = in.readFloat();
      }
    }
  }
}
