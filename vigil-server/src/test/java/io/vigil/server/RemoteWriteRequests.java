package io.vigil.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.xerial.snappy.Snappy;

/**
 * Prometheus remote write requests built as Prometheus builds them (protobuf by hand, as
 * proto3 writes it, then snappy), for the tests of everything that reads them.
 */
public final class RemoteWriteRequests {
  private RemoteWriteRequests() {}

  private interface Writer {
    void write(CodedOutputStream out) throws IOException;
  }

  private static ByteString message(Writer w) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    w.write(out);
    out.flush();
    return ByteString.copyFrom(bytes.toByteArray());
  }

  /** A TimeSeries message, its samples (value, timestamp ms) written as proto3 writes them. */
  public static ByteString timeSeries(Map<String, String> labels, double[] values,
      long[] times) throws IOException {
    return message(out -> {
      for (Map.Entry<String, String> l : labels.entrySet()) {
        out.writeBytes(1, message(o -> {
          o.writeString(1, l.getKey());
          o.writeString(2, l.getValue());
        }));
      }
      for (int i = 0; i < values.length; i++) {
        int k = i;
        out.writeBytes(2, message(o -> {
          // proto3 leaves a field equal to its default off the wire: 0.0 (not -0.0) and 0
          if (Double.doubleToRawLongBits(values[k]) != 0) {
            o.writeDouble(1, values[k]);
          }
          if (times[k] != 0) {
            o.writeInt64(2, times[k]);
          }
        }));
      }
    });
  }

  /** A MetricMetadata message: type as remote write's MetricType number, family, unit. */
  public static ByteString metadata(int type, String family, String unit) throws IOException {
    return message(o -> {
      if (type != 0) {
        o.writeEnum(1, type);
      }
      o.writeString(2, family);
      o.writeString(4, "help text");
      if (!unit.isEmpty()) {
        o.writeString(5, unit);
      }
    });
  }

  public static byte[] request(List<ByteString> series, List<ByteString> metadata)
      throws IOException {
    return Snappy.compress(message(out -> {
      for (ByteString s : series) {
        out.writeBytes(1, s);
      }
      for (ByteString m : metadata) {
        out.writeBytes(3, m);
      }
    }).toByteArray());
  }

  /** A WriteRequest with one series of samples (value, timestamp ms). */
  public static byte[] writeRequest(Map<String, String> labels, double[] values, long[] times)
      throws IOException {
    return request(List.of(timeSeries(labels, values, times)), List.of());
  }

}
