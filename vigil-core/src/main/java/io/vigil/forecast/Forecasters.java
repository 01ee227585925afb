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
