package io.vigil.forecast;

/**
 * Holt-Winters exponential smoothing with a damped trend and an additive or multiplicative
 * season, in the state-space form of Hyndman and Athanasopoulos ("Forecasting: principles
 * and practice", §8.7, ETS(A,Ad,A) and ETS(A,Ad,M)):
 * <pre>
 * additive:        ŷ = ℓ + φb + s        ℓ ← ℓ + φb + αe    b ← φb + βe   s ← s + γe
 * multiplicative:  ŷ = (ℓ + φb)·s        ℓ ← ℓ + φb + αe/s  b ← φb + βe/s s ← s + γe/(ℓ+φb)
 * </pre>
 * The h-step interval is ±z·σ_h with σ_h² = σ²(1 + Σ_{j<h} (α + βφ_j + γ·[m divides j])²),
 * exact for the additive model (φ_j = φ + … + φ^j); for the multiplicative season it is
 * scaled by the season's factor, an approximation. σ is √(π/2) times the mean absolute
 * one-step error (what σ is for normal errors, and far less swayed than the squared error by
 * the spikes metrics have), fading with a half-life of {@value #ERROR_HALF_LIFE} points.
 *
 * <p>It starts from the first two seasons (level: the first season's mean; trend: the change
 * of the mean between them, per point; season: each point's offset or ratio to the level),
 * then learns from the second season on. Without a season (m = 1) it is Holt's damped trend,
 * starting from the first ten points. Written by hand: commons-math has no exponential
 * smoothing, and the streaming form is a few lines.
 */
public final class HoltWintersForecaster implements Forecaster {
  private static final int ERROR_HALF_LIFE = 5000;
  private static final int START_WITHOUT_SEASON = 10;
  /** σ of a normal distribution over its mean absolute deviation, √(π/2). */
  private static final double MAE_TO_SIGMA = Math.sqrt(Math.PI / 2);

  private final int season;
  private final boolean multiplicative;
  private final double alpha;
  private final double beta;
  private final double gamma;
  private final double phi;
  private final double errorDecay = Math.pow(0.5, 1.0 / ERROR_HALF_LIFE);
  private final Steps steps = new Steps();
  private final double[] start;
  private final double[] seasonal;
  private int phase;
  private double level;
  private double trend;
  private double absoluteError;
  private double errorWeight;
  private long n;

  /**
   * @param season points per season (1: none)
   * @param multiplicative whether the season scales with the level (needs positive values)
   * @param alpha level smoothing, beta trend smoothing, gamma season smoothing, in (0, 1)
   * @param phi trend damping in (0, 1]
   */
  public HoltWintersForecaster(int season, boolean multiplicative, double alpha, double beta,
      double gamma, double phi) {
    if (season < 1 || !(alpha > 0 && alpha < 1) || !(beta >= 0 && beta < 1)
        || !(gamma >= 0 && gamma < 1) || !(phi > 0 && phi <= 1)) {
      throw new IllegalArgumentException("season >= 1, alpha in (0,1), beta and gamma in"
          + " [0,1), phi in (0,1] are required");
    }
    this.season = season;
    this.multiplicative = multiplicative && season > 1;
    this.alpha = alpha;
    this.beta = beta;
    this.gamma = gamma;
    this.phi = phi;
    this.start = new double[season > 1 ? 2 * season : START_WITHOUT_SEASON];
    this.seasonal = new double[season];
  }

  /** Vigil's defaults, chosen on NAB (see README): α 0.3, β 0.001, γ 0.1, φ 0.98, additive. */
  public static HoltWintersForecaster withDefaults(int season) {
    return new HoltWintersForecaster(season, false, 0.3, 0.001, 0.1, 0.98);
  }

  @Override
  public String name() {
    return multiplicative ? "holt-winters-multiplicative" : "holt-winters";
  }

  @Override
  public void learn(long timestampMs, double value) {
    steps.learn(timestampMs);
    if (n < start.length) {
      start[(int) n++] = value;
      if (n == start.length) {
        initialise();
      }
      return;
    }
    n++;
    update(value);
  }

  private void initialise() {
    int m = season;
    if (m == 1) {
      level = start[0];
      trend = (start[start.length - 1] - start[0]) / (start.length - 1);
      for (int i = 1; i < start.length; i++) {
        update(start[i]);
      }
      return;
    }
    double first = 0;
    double second = 0;
    for (int i = 0; i < m; i++) {
      first += start[i] / m;
      second += start[m + i] / m;
    }
    level = first;
    trend = (second - first) / m;
    for (int i = 0; i < m; i++) {
      double expected = first + trend * (i - (m - 1) / 2.0);
      seasonal[i] = multiplicative ? start[i] / nonZero(expected) : start[i] - expected;
    }
    level = first + trend * (m - 1) / 2.0;
    phase = 0;
    for (int i = m; i < 2 * m; i++) {
      update(start[i]);
    }
  }

  private void update(double value) {
    double base = level + phi * trend;
    double s = seasonal[phase];
    double forecast = multiplicative ? base * s : base + s;
    double e = value - forecast;
    if (multiplicative) {
      double sNonZero = nonZero(s);
      level = base + alpha * e / sNonZero;
      trend = phi * trend + beta * e / sNonZero;
      seasonal[phase] = s + gamma * e / nonZero(base);
    } else {
      level = base + alpha * e;
      trend = phi * trend + beta * e;
      seasonal[phase] = s + gamma * e;
    }
    absoluteError = absoluteError * errorDecay + Math.abs(e);
    errorWeight = errorWeight * errorDecay + 1;
    phase = (phase + 1) % season;
  }

  private static double nonZero(double x) {
    return Math.abs(x) < 1e-12 ? (x < 0 ? -1e-12 : 1e-12) : x;
  }

  @Override
  public long learnt() {
    return n;
  }

  @Override
  public int minimumHistory() {
    return start.length + 1;
  }

  @Override
  public Forecast forecast(int horizon, double coverage) {
    Steps.requireHistory(n, minimumHistory());
    double z = Steps.z(coverage);
    double sigma = MAE_TO_SIGMA * absoluteError / Math.max(errorWeight, 1e-300);
    double sigma2 = sigma * sigma;
    double[] mean = new double[horizon];
    double[] lower = new double[horizon];
    double[] upper = new double[horizon];
    double dampedSum = 0; // φ_h = φ + … + φ^h
    double power = 1;
    double spread = 0; // Σ_{j<h} c_j²
    for (int h = 1; h <= horizon; h++) {
      power *= phi;
      dampedSum += power;
      double s = seasonal[(phase + h - 1) % season];
      double base = level + dampedSum * trend;
      mean[h - 1] = multiplicative ? base * s : base + s;
      double sigmaH = Math.sqrt(sigma2 * (1 + spread)) * (multiplicative ? Math.abs(s) : 1);
      lower[h - 1] = mean[h - 1] - z * sigmaH;
      upper[h - 1] = mean[h - 1] + z * sigmaH;
      double c = alpha + beta * dampedSum + (season > 1 && h % season == 0 ? gamma : 0);
      spread += c * c;
    }
    return new Forecast(steps.times(horizon), mean, lower, upper, coverage);
  }

  private static final int STATE_VERSION = 1;

  @Override
  public ForecasterState snapshot() {
    return ForecasterState.write(name(), STATE_VERSION, out -> {
      out.writeInt(season);
      out.writeBoolean(multiplicative);
      out.writeDouble(alpha);
      out.writeDouble(beta);
      out.writeDouble(gamma);
      out.writeDouble(phi);
      steps.write(out);
      for (double v : start) {
        out.writeDouble(v);
      }
      for (double v : seasonal) {
        out.writeDouble(v);
      }
      out.writeInt(phase);
      out.writeDouble(level);
      out.writeDouble(trend);
      out.writeDouble(absoluteError);
      out.writeDouble(errorWeight);
      out.writeLong(n);
    });
  }

  static HoltWintersForecaster restore(ForecasterState state) throws java.io.IOException {
    java.io.DataInput in = state.reader(STATE_VERSION);
    HoltWintersForecaster f = new HoltWintersForecaster(in.readInt(), in.readBoolean(),
        in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
    f.steps.read(in);
    for (int i = 0; i < f.start.length; i++) {
      f.start[i] = in.readDouble();
    }
    for (int i = 0; i < f.seasonal.length; i++) {
      f.seasonal[i] = in.readDouble();
    }
    f.phase = in.readInt();
    f.level = in.readDouble();
    f.trend = in.readDouble();
    f.absoluteError = in.readDouble();
    f.errorWeight = in.readDouble();
    f.n = in.readLong();
    return f;
  }
}
