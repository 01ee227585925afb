package io.vigil.forecast;

import io.vigil.series.TimeSeries;
import java.util.List;

/** The forecasters by the names users give them (CLI, API, configuration). */
public final class Forecasters {
  /** The names {@link #create} knows, the default first. */
  public static final List<String> METHODS =
      List.of("holt-winters", "linear-trend", "seasonal-naive");
  /**
   * The most points the linear trend is drawn through without a season (all pairs: half a
   * million slopes); with one, at least four seasons (pairs a season apart are far fewer).
   */
  static final int TREND_WINDOW = 1000;
  /** Not a method: the one {@link #chooseByBacktest} picks for the series. */
  public static final String AUTO = "auto";

  private Forecasters() {}

  /**
   * A forecaster.
   *
   * @param season the series' season in points (1: none)
   * @param history how many points it will learn (bounds the linear trend's window)
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static Forecaster create(String method, int season, int history) {
    return switch (requireKnown(method)) {
      case "holt-winters" -> HoltWintersForecaster.withDefaults(season);
      case "linear-trend" -> new LinearTrendForecaster(Math.max(3, Math.min(history,
          season > 1 ? Math.max(TREND_WINDOW, 4 * season) : TREND_WINDOW)), season);
      default -> new SeasonalNaiveForecaster(season);
    };
  }

  /** The most steps {@link #fit} forecasts. */
  public static final int MAX_STEPS = 100_000;

  /**
   * A forecast fitted to a whole series.
   *
   * @param season the season found, in points (1: none)
   * @param stepMs the series' median step
   */
  public record Fitted(String method, int season, long stepMs, Forecast forecast) {}

  /**
   * Finds {@code s}'s season, fits {@code method} to all of it and forecasts {@code horizon}
   * ahead (at most {@value #MAX_STEPS} steps) with intervals of {@code coverage}.
   *
   * @throws IllegalArgumentException for an unknown method, a horizon that is not positive,
   *     or too little history ("not enough history: need N points, have M", with the season)
   */
  public static Fitted fit(TimeSeries s, String method, java.time.Duration horizon,
      double coverage) {
    requireKnown(method);
    if (horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("the horizon must be positive");
    }
    if (s.size() == 0) {
      throw new IllegalArgumentException("not enough history: the series has no points");
    }
    long step = s.medianStepMs();
    int steps = (int) Math.min(MAX_STEPS, Math.ceil((double) horizon.toMillis() / step));
    int season = SeasonFinder.find(s.values(), step);
    Forecaster f = create(method, season, s.size());
    for (int i = 0; i < s.size(); i++) {
      f.learn(s.timestampsMs()[i], s.values()[i]);
    }
    try {
      return new Fitted(method, season, step, f.forecast(steps, coverage));
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage() + " for " + method
          + (season > 1 ? " with a season of " + season + " points" : ""), e);
    }
  }

  /**
   * The method chosen for a series by backtest: each method learns the series but its last
   * part, forecasts that part, and the one with the smallest mean absolute error wins.
   *
   * @param method the winner
   * @param heldOutMs how much of the series' end was forecast
   * @param errors each method's mean absolute error there (methods that could not fit the
   *     shorter history are left out)
   */
  public record Choice(String method, long heldOutMs, java.util.Map<String, Double> errors) {
    /** Why, in words: {@code "backtest on the last 1d 18h: mean absolute error 0.31 (...)"}. */
    public String reason() {
      StringBuilder b = new StringBuilder("backtest on the last ").append(human(heldOutMs))
          .append(": mean absolute error ").append(String.format(java.util.Locale.ROOT, "%.4g",
              errors.get(method)));
      List<String> others = new java.util.ArrayList<>();
      errors.forEach((m, e) -> {
        if (!m.equals(method)) {
          others.add(m + String.format(java.util.Locale.ROOT, " %.4g", e));
        }
      });
      if (!others.isEmpty()) {
        b.append(" (").append(String.join(", ", others)).append(')');
      }
      return b.toString();
    }
  }

  /**
   * Chooses the method for {@code s} by backtest over its last quarter, or over the horizon
   * when that is shorter: what forecasts the series' own recent past best. A level that
   * climbs steadily under a daily cycle goes to the linear trend (the damped Holt-Winters,
   * the general default, flattens it); a plain cycle to Holt-Winters or seasonal naive.
   *
   * @throws IllegalArgumentException when no method can fit the series without its end
   */
  public static Choice chooseByBacktest(TimeSeries s, java.time.Duration horizon) {
    long step = Math.max(1, s.medianStepMs());
    int heldOut = (int) Math.max(1, Math.min(s.size() / 4,
        Math.ceil((double) horizon.toMillis() / step)));
    int train = s.size() - heldOut;
    TimeSeries head = new TimeSeries(s.source(), java.util.Arrays.copyOf(s.timestampsMs(), train),
        java.util.Arrays.copyOf(s.values(), train), java.util.Arrays.copyOf(s.lines(), train));
    int season = SeasonFinder.find(head.values(), step);
    java.util.Map<String, Double> errors = new java.util.LinkedHashMap<>();
    for (String method : METHODS) {
      Forecaster f = create(method, season, train);
      for (int i = 0; i < train; i++) {
        f.learn(head.timestampsMs()[i], head.values()[i]);
      }
      Forecast fc;
      try {
        fc = f.forecast(heldOut, 0.8);
      } catch (IllegalStateException tooShort) {
        continue;
      }
      double sum = 0;
      for (int h = 0; h < heldOut; h++) {
        sum += Math.abs(fc.mean()[h] - s.values()[train + h]);
      }
      errors.put(method, sum / heldOut);
    }
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("not enough history to choose a method by backtest:"
          + " " + s.size() + " points");
    }
    String best = errors.entrySet().stream().min(java.util.Map.Entry.comparingByValue())
        .orElseThrow().getKey();
    return new Choice(best, s.timestampsMs()[s.size() - 1] - s.timestampsMs()[train - 1],
        errors);
  }

  /**
   * A forecaster continuing exactly from {@code state}.
   *
   * @throws IllegalArgumentException for an unknown method or format version, or a state
   *     that cannot be read
   */
  public static Forecaster restore(ForecasterState state) {
    try {
      return switch (state.method()) {
        case "holt-winters", "holt-winters-multiplicative" ->
            HoltWintersForecaster.restore(state);
        case "linear-trend" -> LinearTrendForecaster.restore(state);
        case "seasonal-naive" -> SeasonalNaiveForecaster.restore(state);
        default -> throw new IllegalArgumentException("no forecaster '" + state.method()
            + "' to restore: use " + String.join(", ", METHODS));
      };
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(state + " is damaged: " + e.getMessage(), e);
    }
  }

  /**
   * {@code method}, when it is a known name.
   *
   * @throws IllegalArgumentException otherwise, listing the known ones
   */
  public static String requireKnown(String method) {
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("unknown method '" + method + "': use "
          + String.join(", ", METHODS));
    }
    return method;
  }

  /** A duration for people: {@code 2d 4h} or {@code 3h 15m}. */
  public static String human(long ms) {
    java.time.Duration d = java.time.Duration.ofMillis(Math.max(0, ms));
    return d.toDays() > 0
        ? String.format(java.util.Locale.ROOT, "%dd %dh", d.toDays(), d.toHoursPart())
        : String.format(java.util.Locale.ROOT, "%dh %dm", d.toHours(), d.toMinutesPart());
  }
}
