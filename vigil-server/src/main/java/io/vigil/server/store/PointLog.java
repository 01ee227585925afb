package io.vigil.server.store;

import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a batch in the ingest log: a count, then per point its series, number,
 * timestamp, value and assessment (doubles as written, NaN included), 74 bytes a point.
 */
final class PointLog {
  private static final int BYTES_PER_POINT = 4 * 8 + 1 + 5 * 8 + 1;
  private static final Assessment.Status[] STATUSES = Assessment.Status.values();
  private static final Direction[] DIRECTIONS = Direction.values();

  private PointLog() {}

  static byte[] encode(List<StoredPoint> points) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4 + points.size() * BYTES_PER_POINT);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(points.size());
      for (StoredPoint p : points) {
        Assessment a = p.assessment();
        out.writeLong(p.seriesId());
        out.writeLong(p.seq());
        out.writeLong(p.timestampMs());
        out.writeDouble(p.value());
        out.writeByte(a.status().ordinal());
        out.writeDouble(a.score());
        out.writeDouble(a.probability());
        out.writeDouble(a.expected());
        out.writeDouble(a.lower());
        out.writeDouble(a.upper());
        out.writeByte(a.direction().ordinal());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  static List<StoredPoint> decode(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int n = in.readInt();
      if (n < 0 || (long) n * BYTES_PER_POINT + 4 != bytes.length) {
        throw new IOException("a logged batch claims " + n + " points in " + bytes.length
            + " bytes");
      }
      List<StoredPoint> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long series = in.readLong();
        long seq = in.readLong();
        long ts = in.readLong();
        double value = in.readDouble();
        Assessment.Status status = STATUSES[in.readUnsignedByte()];
        Assessment a = new Assessment(status, in.readDouble(), in.readDouble(), in.readDouble(),
            in.readDouble(), in.readDouble(), DIRECTIONS[in.readUnsignedByte()]);
        out.add(new StoredPoint(series, seq, ts, value, a));
      }
      return out;
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new IOException("a logged batch has an unknown status or direction", e);
    }
  }
}
