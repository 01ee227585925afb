/**
 * Forecasts with prediction intervals: seasonal naive (the baseline), Holt-Winters (additive
 * or multiplicative season, damped trend) and a robust linear trend for capacity series.
 */
package io.vigil.forecast;
