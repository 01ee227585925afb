package io.vigil.detect;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The input rules every streaming detector shares, and its snapshot framing. Subclasses see
 * only finite values in time order; they score and learn in {@link #assess} and write their
 * parameters and state in {@link #writeState}.
 */
public abstract class AbstractStreamingDetector implements StreamingDetector {
  private long newestTimestamp = Long.MIN_VALUE;
  private long learnt;
  private long skippedNotFinite;
  private long skippedOutOfOrder;

  @Override
  public final Assessment process(long timestampMs, double value) {
    if (!Double.isFinite(value)) {
      skippedNotFinite++;
      return Assessment.skipped(Assessment.Status.SKIPPED_NOT_FINITE);
    }
    if (timestampMs < newestTimestamp) {
      skippedOutOfOrder++;
      return Assessment.skipped(Assessment.Status.SKIPPED_OUT_OF_ORDER);
    }
    newestTimestamp = timestampMs;
    learnt++;
    return assess(timestampMs, value);
  }

  /** Scores a finite, in-order point from the past alone, then learns it. */
  protected abstract Assessment assess(long timestampMs, double value);

  /** The layout version of {@link #writeState}. */
  protected abstract int stateVersion();

  /** Writes the parameters, then the learnt state. */
  protected abstract void writeState(DataOutput out) throws IOException;

  /** Points learnt so far. */
  public final long learnt() {
    return learnt;
  }

  /** Points skipped because the value was NaN or infinite. */
  public final long skippedNotFinite() {
    return skippedNotFinite;
  }

  /** Points skipped because they were older than the newest seen. */
  public final long skippedOutOfOrder() {
    return skippedOutOfOrder;
  }

  @Override
  public final DetectorState snapshot() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(newestTimestamp);
      out.writeLong(learnt);
      out.writeLong(skippedNotFinite);
      out.writeLong(skippedOutOfOrder);
      writeState(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return new DetectorState(algorithm(), stateVersion(), bytes.toByteArray());
  }

  /** The counters written first by every snapshot. */
  record Counters(long newestTimestamp, long learnt, long skippedNotFinite,
      long skippedOutOfOrder) {
    static Counters read(DataInput in) throws IOException {
      return new Counters(in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }
  }

  /**
   * Reads a whole snapshot's bytes: the counters, then the detector through {@code reader}.
   *
   * @throws IllegalArgumentException when bytes are left over (damaged)
   */
  public static AbstractStreamingDetector restore(DataInput in, StateReader reader,
      StateReader.StateRestorer nested, String algorithm) throws IOException {
    Counters counters = Counters.read(in);
    AbstractStreamingDetector d = reader.read(in, nested);
    if (in instanceof java.io.InputStream stream && stream.available() != 0) {
      throw new IllegalArgumentException(algorithm + " state has " + stream.available()
          + " bytes too many: damaged");
    }
    d.restoreCounters(counters);
    return d;
  }

  final void restoreCounters(Counters c) {
    newestTimestamp = c.newestTimestamp();
    learnt = c.learnt();
    skippedNotFinite = c.skippedNotFinite();
    skippedOutOfOrder = c.skippedOutOfOrder();
  }
}
