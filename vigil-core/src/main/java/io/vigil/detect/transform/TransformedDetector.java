package io.vigil.detect.transform;

import io.vigil.detect.AbstractStreamingDetector;
import io.vigil.detect.Assessment;
import io.vigil.detect.DetectorDescriptor;
import io.vigil.detect.NestedStates;
import io.vigil.detect.StateReader;
import io.vigil.detect.robust.RobustEwma;
import io.vigil.feature.StreamingTransform;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A detector run on a derived series ({@link StreamingTransform}): on differences or rates it
 * sees sudden jumps that a level baseline absorbs in a trending series; on a rolling mean a
 * lasting shift that single-point noise hides; on the departure from the hour's usual value a
 * dip at the daily peak that the day's whole range would hide. The expectation is mapped back
 * to the raw series where the feature can be undone; otherwise the raw-series fields are left
 * unknown.
 */
public final class TransformedDetector extends AbstractStreamingDetector {
  /** The algorithm name. */
  public static final String ALGORITHM = "transformed";
  /** The snapshot layout version. */
  public static final int STATE_VERSION = 1;
  /** The algorithm as the catalogue lists it: robust EWMA on differences. */
  public static final DetectorDescriptor DESCRIPTOR = DetectorDescriptor.simple(ALGORITHM,
      "robust z-score of the point-to-point differences",
      () -> new TransformedDetector(StreamingTransform.parse("difference"), new RobustEwma(0.02)),
      STATE_VERSION, TransformedDetector::read);

  private final StreamingTransform transform;
  private final AbstractStreamingDetector inner;

  /** {@code inner} on {@code transform}'s output; both owned from now on. */
  public TransformedDetector(StreamingTransform transform, AbstractStreamingDetector inner) {
    this.transform = transform;
    this.inner = inner;
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  protected Assessment assess(long timestampMs, double value) {
    double derived = transform.apply(timestampMs, value);
    if (Double.isNaN(derived)) {
      return Assessment.warmingUp(Double.NaN);
    }
    Assessment a = inner.process(timestampMs, derived);
    return new Assessment(a.status(), a.score(), a.probability(), transform.toRaw(a.expected()),
        transform.toRaw(a.lower()), transform.toRaw(a.upper()), a.direction());
  }

  @Override
  protected int stateVersion() {
    return STATE_VERSION;
  }

  @Override
  protected void writeState(DataOutput out) throws IOException {
    transform.write(out);
    NestedStates.write(inner.snapshot(), out);
  }

  /** Reads what {@link #writeState} wrote. */
  public static TransformedDetector read(DataInput in, StateReader.StateRestorer nested)
      throws IOException {
    StreamingTransform t = StreamingTransform.read(in);
    var inner = NestedStates.restore(in, nested);
    return new TransformedDetector(t, inner);
  }
}
