/**
 * Metric data as Vigil reads it: multivariate rows with named features and optional labels,
 * read from CSV with errors that name the file, line and column of every problem.
 */
package io.vigil.series;
