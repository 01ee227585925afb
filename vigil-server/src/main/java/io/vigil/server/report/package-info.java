/**
 * The operations report: a period's incidents, alert volume and precision from feedback,
 * noisiest series, model health and capacity forecasts, as data and as a printable page.
 */
package io.vigil.server.report;
