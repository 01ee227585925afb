package io.vigil.detect.post;

import io.vigil.detect.DetectorDescriptor;
import io.vigil.detect.AbstractStreamingDetector;
import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import io.vigil.detect.NestedStates;
import io.vigil.detect.StateReader;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * Keeps only the alerts an SRE cares about: a deviation from the expected value of at least
 * {@code minAbsolute} and at least {@code minFraction} of the expected value (0.2 = 20%), in
 * one of the wanted directions (say, only latency spikes, never dips). Other points keep their
 * score and band but get probability 0. A statistically odd move from 2 ms to 2.4 ms is rarely
 * worth a page; this is where that is said.
 */
public final class DeviationFilter extends AbstractStreamingDetector {
  /** The algorithm name. */
  public static final String ALGORITHM = "deviation-filter";
  /** The snapshot layout version. */
  public static final int STATE_VERSION = 1;
  /** The wrapper as the catalogue lists it. */
  public static final DetectorDescriptor DESCRIPTOR = DetectorDescriptor.wrapper(ALGORITHM,
      "alerts only for deviations of a minimum size and direction", STATE_VERSION,
      DeviationFilter::read);

  private final AbstractStreamingDetector inner;
  private final double minAbsolute;
  private final double minFraction;
  private final Set<Direction> directions;

  /**
   * Wraps {@code inner}, which it owns from now on.
   *
   * @param minAbsolute the smallest |value − expected| that may alert, ≥ 0
   * @param minFraction the smallest |value − expected| / |expected| that may alert, ≥ 0
   * @param directions the directions that may alert (SPIKE, DIP or both)
   */
  public DeviationFilter(AbstractStreamingDetector inner, double minAbsolute,
      double minFraction, Set<Direction> directions) {
    if (!(minAbsolute >= 0) || !(minFraction >= 0) || Double.isInfinite(minAbsolute)
        || Double.isInfinite(minFraction)) {
      throw new IllegalArgumentException("the minimum deviations must be finite and >= 0");
    }
    if (directions.isEmpty() || directions.contains(Direction.NONE)) {
      throw new IllegalArgumentException("directions must be SPIKE, DIP or both");
    }
    this.inner = inner;
    this.minAbsolute = minAbsolute;
    this.minFraction = minFraction;
    this.directions = Set.copyOf(directions);
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  protected Assessment assess(long timestampMs, double value) {
    Assessment a = inner.process(timestampMs, value);
    if (a.probability() == 0) {
      return a;
    }
    double deviation = Math.abs(value - a.expected());
    boolean bigEnough = deviation >= minAbsolute
        && deviation >= minFraction * Math.abs(a.expected());
    return bigEnough && directions.contains(a.direction()) ? a : a.withProbability(0);
  }

  @Override
  protected int stateVersion() {
    return STATE_VERSION;
  }

  @Override
  protected void writeState(DataOutput out) throws IOException {
    out.writeDouble(minAbsolute);
    out.writeDouble(minFraction);
    out.writeBoolean(directions.contains(Direction.SPIKE));
    out.writeBoolean(directions.contains(Direction.DIP));
    NestedStates.write(inner.snapshot(), out);
  }

  /** Reads what {@link #writeState} wrote. */
  public static DeviationFilter read(DataInput in, StateReader.StateRestorer nested) throws IOException {
    double minAbsolute = in.readDouble();
    double minFraction = in.readDouble();
    Set<Direction> directions = EnumSet.noneOf(Direction.class);
    if (in.readBoolean()) {
      directions.add(Direction.SPIKE);
    }
    if (in.readBoolean()) {
      directions.add(Direction.DIP);
    }
    var inner = NestedStates.restore(in, nested);
    try {
      return new DeviationFilter(inner, minAbsolute, minFraction, directions);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
