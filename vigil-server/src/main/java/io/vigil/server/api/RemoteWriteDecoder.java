package io.vigil.server.api;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.vigil.series.SeriesKey;
import io.vigil.server.engine.IncomingPoint;
import io.vigil.server.engine.MetricMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xerial.snappy.Snappy;

/**
 * Reads Prometheus remote-write 1.0 bodies: a snappy-compressed (block format) protobuf
 * {@code prometheus.WriteRequest}. Only the fields Vigil uses are read, with protobuf's own
 * wire reader, rather than generating classes from Prometheus' .proto for three small
 * messages:
 *
 * <pre>
 * WriteRequest   { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
 * TimeSeries     { repeated Label labels = 1; repeated Sample samples = 2; ... }
 * Label          { string name = 1; string value = 2; }
 * Sample         { double value = 1; int64 timestamp = 2; }
 * MetricMetadata { MetricType type = 1; string metric_family_name = 2; string help = 4;
 *                  string unit = 5; }
 * </pre>
 *
 * <p>These are proto3 messages: a field equal to its default is not sent at all, so a sample
 * without a value field has the value 0.0 and one without a timestamp the time 0, exactly as
 * Prometheus reads them. The metric name is the {@code __name__} label. Prometheus' staleness
 * marker (the one NaN bit pattern {@code 0x7ff0000000000002}) says a series is gone, not a
 * value: such samples are counted and left out. Other non-finite values (NaN, ±Inf) are
 * values Prometheus keeps, but a detector cannot learn from them: they are counted apart and
 * left out too.
 */
public final class RemoteWriteDecoder {
  private final int maxUncompressedBytes;
  private final int maxPoints;

  /** Prometheus' staleness marker: {@code value.StaleNaN} in its source. */
  static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  private record Sample(double value, long timestampMs) {}

  /**
   * What a request held.
   *
   * @param points the finite samples, series by series in the order sent
   * @param stale staleness markers left out
   * @param droppedNotFinite other NaN or infinite samples left out
   * @param metadata the metric families described
   */
  public record Decoded(List<IncomingPoint> points, int stale, int droppedNotFinite,
      List<MetricMetadata.Family> metadata) {}

  public RemoteWriteDecoder(int maxUncompressedBytes, int maxPoints) {
    this.maxUncompressedBytes = maxUncompressedBytes;
    this.maxPoints = maxPoints;
  }

  /**
   * The samples of {@code body}, series by series in the order sent.
   *
   * @throws ApiException 400 for a body that is not snappy or not a WriteRequest, or for a
   *     name or label Vigil cannot accept; 413 when it holds too much
   */
  public Decoded decode(byte[] body) {
    byte[] raw;
    try {
      if (!Snappy.isValidCompressedBuffer(body)) {
        throw new ApiException(400, "the body is not snappy-compressed (remote write sends"
            + " snappy block format, Content-Encoding: snappy)");
      }
      int length = Snappy.uncompressedLength(body);
      if (length > maxUncompressedBytes) {
        throw new ApiException(413, "the body expands to " + length + " bytes: at most "
            + maxUncompressedBytes);
      }
      raw = Snappy.uncompress(body);
    } catch (IOException e) {
      throw new ApiException(400, "the body could not be decompressed: " + e.getMessage());
    }
    List<IncomingPoint> points = new ArrayList<>();
    List<MetricMetadata.Family> metadata = new ArrayList<>();
    int[] dropped = {0, 0}; // stale, not finite
    try {
      CodedInputStream in = CodedInputStream.newInstance(raw);
      int series = 0;
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (WireFormat.getTagFieldNumber(tag) == 1
            && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          int limit = in.pushLimit(in.readRawVarint32());
          timeSeries(in, series++, points, dropped);
          in.popLimit(limit);
        } else if (WireFormat.getTagFieldNumber(tag) == 3
            && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          int limit = in.pushLimit(in.readRawVarint32());
          metadata.add(metadata(in));
          in.popLimit(limit);
        } else if (!in.skipField(tag)) {
          break;
        }
      }
    } catch (IOException e) {
      throw new ApiException(400, "the body is not a remote-write WriteRequest: "
          + e.getMessage());
    }
    return new Decoded(points, dropped[0], dropped[1], metadata);
  }

  private static MetricMetadata.Family metadata(CodedInputStream in) throws IOException {
    int type = 0;
    String name = null;
    String unit = null;
    for (int t = in.readTag(); t != 0; t = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(t)) {
        case 1 -> type = in.readEnum();
        case 2 -> name = in.readStringRequireUtf8();
        case 5 -> unit = in.readStringRequireUtf8();
        default -> in.skipField(t);
      }
    }
    return new MetricMetadata.Family(name, MetricMetadata.Type.of(type), unit);
  }

  private void timeSeries(CodedInputStream in, int index, List<IncomingPoint> out,
      int[] dropped) throws IOException {
    Map<String, String> labels = new TreeMap<>();
    List<Sample> samples = new ArrayList<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int field = WireFormat.getTagFieldNumber(tag);
      if (field == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        int limit = in.pushLimit(in.readRawVarint32());
        String name = null;
        String value = "";
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
          if (WireFormat.getTagFieldNumber(t) == 1) {
            name = in.readStringRequireUtf8();
          } else if (WireFormat.getTagFieldNumber(t) == 2) {
            value = in.readStringRequireUtf8();
          } else {
            in.skipField(t);
          }
        }
        in.popLimit(limit);
        if (name == null) {
          throw new ApiException(400, "timeseries[" + index + "]: a label without a name");
        }
        labels.put(name, value);
      } else if (field == 2
          && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        int limit = in.pushLimit(in.readRawVarint32());
        double value = 0.0; // proto3: an absent field is its default
        long timestamp = 0;
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
          if (WireFormat.getTagFieldNumber(t) == 1) {
            value = in.readDouble();
          } else if (WireFormat.getTagFieldNumber(t) == 2) {
            timestamp = in.readInt64();
          } else {
            in.skipField(t);
          }
        }
        in.popLimit(limit);
        samples.add(new Sample(value, timestamp));
      } else {
        in.skipField(tag);
      }
    }
    String name = labels.remove("__name__");
    if (name == null) {
      throw new ApiException(400, "timeseries[" + index + "]: no __name__ label");
    }
    SeriesKey key;
    try {
      key = SeriesKey.of(name, labels);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "timeseries[" + index + "]: " + e.getMessage());
    }
    for (Sample s : samples) {
      if (!Double.isFinite(s.value())) {
        dropped[Double.doubleToRawLongBits(s.value()) == STALE_NAN_BITS ? 0 : 1]++;
        continue;
      }
      if (out.size() >= maxPoints) {
        throw new ApiException(413, "more than " + maxPoints + " samples in one request");
      }
      out.add(new IncomingPoint(key, s.timestampMs(), s.value()));
    }
  }
}
