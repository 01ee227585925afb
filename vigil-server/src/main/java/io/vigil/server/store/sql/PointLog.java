package io.vigil.server.store.sql;

import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import io.vigil.server.engine.StoredPoint;
import java.io.IOException;
import java.nio.ByteBuffer;
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
    ByteBuffer out = ByteBuffer.allocate(4 + points.size() * BYTES_PER_POINT);
    out.putInt(points.size());
    for (StoredPoint p : points) {
      Assessment a = p.assessment();
      out.putLong(p.seriesId()).putLong(p.seq()).putLong(p.timestampMs()).putDouble(p.value())
          .put((byte) a.status().ordinal()).putDouble(a.score()).putDouble(a.probability())
          .putDouble(a.expected()).putDouble(a.lower()).putDouble(a.upper())
          .put((byte) a.direction().ordinal());
    }
    return out.array();
  }

  static List<StoredPoint> decode(byte[] bytes) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      int n = in.getInt();
      if (n < 0 || (long) n * BYTES_PER_POINT + 4 != bytes.length) {
        throw new IOException("a logged batch claims " + n + " points in " + bytes.length
            + " bytes");
      }
      List<StoredPoint> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long series = in.getLong();
        long seq = in.getLong();
        long ts = in.getLong();
        double value = in.getDouble();
        Assessment.Status status = STATUSES[in.get() & 0xff];
        Assessment a = new Assessment(status, in.getDouble(), in.getDouble(), in.getDouble(),
            in.getDouble(), in.getDouble(), DIRECTIONS[in.get() & 0xff]);
        out.add(new StoredPoint(series, seq, ts, value, a));
      }
      return out;
    } catch (ArrayIndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
      throw new IOException("a logged batch is damaged", e);
    }
  }
}
