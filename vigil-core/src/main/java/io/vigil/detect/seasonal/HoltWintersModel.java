package io.vigil.detect.seasonal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Additive Holt-Winters in error-correction form: level ℓ, trend b and a seasonal term per
 * phase bin s, forecast ℓ + b + s; after a residual e, ℓ += b + α·e, b += α·β·e,
 * s += γ·(1 − α)·e (Hyndman and Athanasopoulos, "Forecasting: principles and practice",
 * §8.3). Seasonal terms start at the first visit's offset from the level.
 */
final class HoltWintersModel implements SeasonalModel {
  private final Period period;
  private final double alpha;
  private final double beta;
  private final double gamma;
  private final float[] season;
  private final boolean[] visited;
  private double level;
  private double trend;

  HoltWintersModel(Period period, double alpha, double beta, double gamma) {
    this.period = period;
    this.alpha = alpha;
    this.beta = beta;
    this.gamma = gamma;
    this.season = new float[period.bins()];
    this.visited = new boolean[period.bins()];
  }

  @Override
  public void start(double level) {
    this.level = level;
  }

  @Override
  public double forecast(long timestampMs) {
    return level + trend + season[period.phase(timestampMs)];
  }

  @Override
  public void update(long timestampMs, double value, double clippedResidual) {
    int b = period.phase(timestampMs);
    if (period != Period.NONE && !visited[b]) {
      visited[b] = true;
      season[b] = (float) (value - level - trend);
      level += trend;
      return;
    }
    level += trend + alpha * clippedResidual;
    trend += alpha * beta * clippedResidual;
    if (period != Period.NONE) {
      season[b] += gamma * (1 - alpha) * clippedResidual;
    }
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeDouble(level);
    out.writeDouble(trend);
    PhaseOffsets.write(visited, season, out);
  }

  @Override
  public void read(DataInput in, int version) throws IOException {
    level = in.readDouble();
    trend = in.readDouble();
    PhaseOffsets.read(visited, season, in, version);
  }
}
