package io.vigil.forecast;

import java.util.List;

/** The forecasters by the names users give them (CLI, API, configuration). */
public final class Forecasters {
  /** The names {@link #create} knows, the default first. */
  public static final List<String> METHODS =
      List.of("holt-winters", "linear-trend", "seasonal-naive");
  /** The most points the linear trend is drawn through. */
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
          TREND_WINDOW)));
      default -> new SeasonalNaiveForecaster(season);
    };
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
