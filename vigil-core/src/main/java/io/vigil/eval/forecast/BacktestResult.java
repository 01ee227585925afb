package io.vigil.eval.forecast;

/**
 * One forecaster on one series.
 *
 * @param series the series' name
 * @param season the season used, in points (1: none)
 * @param mase mean absolute error over the in-sample one-season naive error (below 1 beats
 *     the naive forecast's own in-sample accuracy)
 * @param smape symmetric mean absolute percentage error, 0–200
 * @param coverage the share of actual values inside the forecast intervals
 * @param forecasts how many forecasts (origins) were scored
 */
public record BacktestResult(String series, int season, double mase, double smape,
    double coverage, int forecasts) {}
