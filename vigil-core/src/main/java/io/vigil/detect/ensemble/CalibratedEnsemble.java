package io.vigil.detect.ensemble;

import io.vigil.detect.AbstractStreamingDetector;
import io.vigil.detect.Assessment;
import io.vigil.detect.NestedStates;
import io.vigil.detect.StateReader;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Several detectors on one series, combined on a common scale. Each member already gives a
 * calibrated probability (one minus the tail probability of its score among its own recent
 * scores), so members with different raw scales compare directly. The ensemble takes the
 * smallest member tail and corrects it for having looked at several (Bonferroni): tail =
 * min(1, m · min tailᵢ). A point is as anomalous as its most surprised member says, and
 * adding members does not inflate alarms.
 *
 * <p>The expected value and band come from the first member.
 */
public final class CalibratedEnsemble extends AbstractStreamingDetector {
  /** The algorithm name. */
  public static final String ALGORITHM = "ensemble";
  /** The snapshot layout version. */
  public static final int STATE_VERSION = 1;
  /** Reads every layout of the state this class has written. */
  public static final java.util.Map<Integer, io.vigil.detect.StateReader> READERS =
      java.util.Map.of(STATE_VERSION, CalibratedEnsemble::read);

  private final List<AbstractStreamingDetector> members;

  /** An ensemble of {@code members}, which it owns from now on. */
  public CalibratedEnsemble(List<AbstractStreamingDetector> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one member");
    }
    this.members = List.copyOf(members);
  }

  @Override
  public String algorithm() {
    return ALGORITHM;
  }

  @Override
  protected Assessment assess(long timestampMs, double value) {
    Assessment first = null;
    double minTail = 1;
    double maxScore = 0;
    boolean scored = false;
    for (AbstractStreamingDetector m : members) {
      Assessment a = m.process(timestampMs, value);
      if (first == null) {
        first = a;
      }
      if (a.status() == Assessment.Status.SCORED) {
        scored = true;
        minTail = Math.min(minTail, 1 - a.probability());
        maxScore = Math.max(maxScore, a.score());
      }
    }
    if (!scored) {
      return Assessment.warmingUp(first.expected());
    }
    double p = 1 - Math.min(1, members.size() * minTail);
    return new Assessment(Assessment.Status.SCORED, -Math.log(Math.max(minTail, 1e-300)), p,
        first.expected(), first.lower(), first.upper(), first.direction());
  }

  @Override
  protected int stateVersion() {
    return STATE_VERSION;
  }

  @Override
  protected void writeState(DataOutput out) throws IOException {
    out.writeInt(members.size());
    for (AbstractStreamingDetector m : members) {
      NestedStates.write(m.snapshot(), out);
    }
  }

  /** Reads what {@link #writeState} wrote. */
  public static CalibratedEnsemble read(DataInput in, StateReader.StateRestorer nested)
      throws IOException {
    int n = in.readInt();
    if (n < 1 || n > 64) {
      throw new IOException("an ensemble of " + n + " members");
    }
    List<AbstractStreamingDetector> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      members.add(NestedStates.restore(in, nested));
    }
    return new CalibratedEnsemble(members);
  }
}
