package io.vigil.forecast;

/**
 * The baseline every forecaster must beat: each step repeats the value one season earlier
 * (the last value when there is no season). The interval grows with the number of seasons
 * ahead: σ·√⌈h/m⌉, σ the spread of the one-season differences seen so far.
 */
public final class SeasonalNaiveForecaster implements Forecaster {
  private final int season;
  private final double[] ring;
  private final Steps steps = new Steps();
  private int next;
  private long n;
  private double sumSquares;
  private long differences;

  /** @param season points per season; 1 for none */
  public SeasonalNaiveForecaster(int season) {
    if (season < 1) {
      throw new IllegalArgumentException("season must be at least 1 point");
    }
    this.season = season;
    this.ring = new double[season];
  }

  @Override
  public String name() {
    return "seasonal-naive";
  }

  @Override
  public void learn(long timestampMs, double value) {
    steps.learn(timestampMs);
    if (n >= season) {
      double d = value - ring[next];
      sumSquares += d * d;
      differences++;
    }
    ring[next] = value;
    next = (next + 1) % season;
    n++;
  }

  @Override
  public long learnt() {
    return n;
  }

  @Override
  public int minimumHistory() {
    return season + 2;
  }

  @Override
  public Forecast forecast(int horizon, double coverage) {
    Steps.requireHistory(n, minimumHistory());
    double z = Steps.z(coverage);
    double sigma = Math.sqrt(sumSquares / Math.max(1, differences));
    double[] mean = new double[horizon];
    double[] lower = new double[horizon];
    double[] upper = new double[horizon];
    for (int h = 1; h <= horizon; h++) {
      mean[h - 1] = ring[(next + (h - 1) % season) % season];
      double width = z * sigma * Math.sqrt(Math.ceil((double) h / season));
      lower[h - 1] = mean[h - 1] - width;
      upper[h - 1] = mean[h - 1] + width;
    }
    return new Forecast(steps.times(horizon), mean, lower, upper, coverage);
  }

  private static final int STATE_VERSION = 1;

  @Override
  public ForecasterState snapshot() {
    return ForecasterState.write(name(), STATE_VERSION, out -> {
      out.writeInt(season);
      steps.write(out);
      for (double v : ring) {
        out.writeDouble(v);
      }
      out.writeInt(next);
      out.writeLong(n);
      out.writeDouble(sumSquares);
      out.writeLong(differences);
    });
  }

  static SeasonalNaiveForecaster restore(ForecasterState state) throws java.io.IOException {
    java.io.DataInput in = state.reader(STATE_VERSION);
    SeasonalNaiveForecaster f = new SeasonalNaiveForecaster(in.readInt());
    f.steps.read(in);
    for (int i = 0; i < f.ring.length; i++) {
      f.ring[i] = in.readDouble();
    }
    f.next = in.readInt();
    f.n = in.readLong();
    f.sumSquares = in.readDouble();
    f.differences = in.readLong();
    return f;
  }
}
