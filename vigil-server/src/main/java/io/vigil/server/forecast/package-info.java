/** Forecasts and time-to-threshold for stored series. */
package io.vigil.server.forecast;
