package io.vigil.flink;

import io.vigil.server.api.ApiException;
import io.vigil.server.api.PointBatchParser;
import io.vigil.server.api.RemoteWriteDecoder;
import io.vigil.server.engine.IncomingPoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Payloads into points, read by the service's own parsers: JSON as {@code POST /api/v1/points}
 * takes it (a batch array, or one point object: a line of a file), or a Prometheus remote
 * write request (snappy-compressed protobuf, as {@code POST /api/v1/write} takes it). A payload
 * with a problem goes whole to the side output {@link #REJECTED} with the problems named, and
 * the job goes on; nothing of it is judged.
 */
public final class PointPayloads extends ProcessFunction<byte[], MetricPoint> {
  private static final long serialVersionUID = 1L;
  /** Payloads refused, each as "problem: payload" (JSON shown, at most 200 characters). */
  public static final OutputTag<String> REJECTED = new OutputTag<>("rejected") {};
  /** The most points one payload may hold. */
  static final int MAX_POINTS = 100_000;
  /** The largest remote write request once uncompressed. */
  static final int MAX_REMOTE_WRITE_BYTES = 64 << 20;

  /** How the payloads are written. */
  public enum Format { JSON, REMOTE_WRITE }

  private final Format format;
  private transient PointBatchParser json;
  private transient RemoteWriteDecoder remoteWrite;

  public PointPayloads(Format format) {
    this.format = format;
  }

  @Override
  public void processElement(byte[] payload, Context context, Collector<MetricPoint> out) {
    List<IncomingPoint> points;
    try {
      points = decode(payload);
    } catch (ApiException e) {
      // its problems, each with its place ([3].value: ...), else what it says
      context.output(REJECTED, (e.problems().isEmpty() ? e.getMessage()
          : String.join("; ", e.problems())) + ": " + shown(payload));
      return;
    } catch (RuntimeException e) {
      context.output(REJECTED, e.getMessage() + ": " + shown(payload));
      return;
    }
    for (IncomingPoint p : points) {
      out.collect(new MetricPoint(p.key(), p.timestampMs(), p.value()));
    }
  }

  private List<IncomingPoint> decode(byte[] payload) {
    if (format == Format.REMOTE_WRITE) {
      if (remoteWrite == null) {
        remoteWrite = new RemoteWriteDecoder(MAX_REMOTE_WRITE_BYTES, MAX_POINTS);
      }
      return remoteWrite.decode(payload).points();
    }
    if (json == null) {
      json = new PointBatchParser(MAX_POINTS);
    }
    int first = 0;
    while (first < payload.length && Character.isWhitespace(payload[first])) {
      first++;
    }
    if (first == payload.length) {
      return List.of();
    }
    if (payload[first] != '{') {
      return json.parse(payload); // a batch, read as it came
    }
    byte[] batch = new byte[payload.length + 2]; // one point: a batch of one
    batch[0] = '[';
    System.arraycopy(payload, 0, batch, 1, payload.length);
    batch[batch.length - 1] = ']';
    return json.parse(batch);
  }

  private String shown(byte[] payload) {
    if (format == Format.REMOTE_WRITE) {
      return payload.length + " bytes of remote write";
    }
    String text = new String(payload, StandardCharsets.UTF_8).strip();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
