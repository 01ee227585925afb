/**
 * Models for one streaming series: train candidate detectors on a series' history, choose the
 * threshold and the best candidate on held-back recent data, and carry the trained state.
 */
package io.vigil.model.series;
