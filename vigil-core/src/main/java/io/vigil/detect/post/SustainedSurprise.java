package io.vigil.detect.post;

import io.vigil.detect.DetectorDescriptor;
import io.vigil.detect.AbstractStreamingDetector;
import io.vigil.detect.Assessment;
import io.vigil.detect.ScoreCalibrator;
import io.vigil.detect.NestedStates;
import io.vigil.detect.StateReader;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Catches a run of moderately surprising points that no single point would give away: a burst
 * of small spikes, a noisier stretch. The surprise of a point is −log of its tail probability
 * (1 − the inner detector's probability); the mean surprise of the last {@code window} points
 * is calibrated against its own history like any score. The output tail is the smaller of the
 * point's and the run's, doubled for having looked twice (Bonferroni), so a lone extreme point
 * still alerts as before.
 *
 * <p>The idea is Numenta's anomaly likelihood (a short average of scores against their long
 * run distribution), applied to calibrated probabilities so it works over any detector.
 */
public final class SustainedSurprise extends AbstractStreamingDetector {
  /** The algorithm name. */
  public static final String ALGORITHM = "sustained-surprise";
  /** The snapshot layout version. */
  public static final int STATE_VERSION = 1;
  /** The wrapper as the catalogue lists it. */
  public static final DetectorDescriptor DESCRIPTOR = DetectorDescriptor.wrapper(ALGORITHM,
      "runs of moderately surprising points", STATE_VERSION, SustainedSurprise::read);
  private static final double SMALLEST_TAIL = 1e-300;
  private static final double CALIBRATION_HALF_LIFE = 2000;

  private final AbstractStreamingDetector inner;
  private final double[] ring;
  private final ScoreCalibrator calibrator;
  private int next;
  private double sum;

  /** Wraps {@code inner}, which it owns from now on, with runs of {@code window} points. */
  public SustainedSurprise(AbstractStreamingDetector inner, int window) {
    if (window < 2) {
      throw new IllegalArgumentException("the window must hold at least 2 points, was "
          + window);
    }
    this.inner = inner;
    this.ring = new double[window];
    this.calibrator = new ScoreCalibrator(CALIBRATION_HALF_LIFE, 2 * window + 50);
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  protected Assessment assess(long timestampMs, double value) {
    Assessment a = inner.process(timestampMs, value);
    if (a.status() != Assessment.Status.SCORED) {
      return a;
    }
    double pointTail = 1 - a.probability();
    double surprise = -Math.log(Math.max(pointTail, SMALLEST_TAIL));
    sum += surprise - ring[next];
    ring[next] = surprise;
    next = (next + 1) % ring.length;
    double mean = sum / ring.length;
    double tail = pointTail;
    if (calibrator.ready()) {
      tail = Math.min(1, 2 * Math.min(pointTail, calibrator.tail(mean)));
    }
    calibrator.learn(mean);
    return a.withProbability(1 - tail);
  }

  @Override
  protected int stateVersion() {
    return STATE_VERSION;
  }

  @Override
  protected void writeState(DataOutput out) throws IOException {
    NestedStates.write(inner.snapshot(), out);
    out.writeInt(ring.length);
    out.writeInt(next);
    out.writeDouble(sum);
    for (double s : ring) {
      out.writeDouble(s);
    }
    calibrator.write(out);
  }

  /** Reads what {@link #writeState} wrote. */
  public static SustainedSurprise read(DataInput in, StateReader.StateRestorer nested) throws IOException {
    var inner = NestedStates.restore(in, nested);
    int window = in.readInt();
    int next = in.readInt();
    if (window < 2 || window > 1 << 20 || next < 0 || next >= window) {
      throw new IOException("implausible window " + window + " at " + next);
    }
    SustainedSurprise d = new SustainedSurprise(inner, window);
    d.next = next;
    d.sum = in.readDouble();
    for (int i = 0; i < window; i++) {
      d.ring[i] = in.readDouble();
    }
    d.calibrator.read(in);
    return d;
  }
}
