package io.vigil.detect.seasonal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A level plus a profile per phase bin: the forecast is what this phase of the cycle usually
 * is, relative to the current level. A bin learns its offset on its first visit and then
 * moves by a share of each clipped residual.
 */
final class SeasonalProfile implements SeasonalModel {
  private final Period period;
  private final double levelRate;
  private final double profileRate;
  private final float[] profile;
  private final boolean[] visited;
  private double level;

  SeasonalProfile(Period period, double levelRate, double profileRate) {
    this.period = period;
    this.levelRate = levelRate;
    this.profileRate = profileRate;
    this.profile = new float[period.bins()];
    this.visited = new boolean[period.bins()];
  }

  @Override
  public void start(double level) {
    this.level = level;
  }

  @Override
  public double forecast(long timestampMs) {
    return level + profile[period.phase(timestampMs)];
  }

  @Override
  public void update(long timestampMs, double value, double clippedResidual) {
    int b = period.phase(timestampMs);
    if (period != Period.NONE) {
      if (!visited[b]) {
        visited[b] = true;
        profile[b] = (float) (value - level);
        return;
      }
      profile[b] += profileRate * clippedResidual;
    }
    level += levelRate * clippedResidual;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeDouble(level);
    PhaseOffsets.write(visited, profile, out);
  }

  @Override
  public void read(DataInput in, int version) throws IOException {
    level = in.readDouble();
    PhaseOffsets.read(visited, profile, in, version);
  }
}
