/**
 * Labelled synthetic data with the structure of real server metrics, for benchmarks and tests
 * where real labelled data is not at hand.
 */
package io.vigil.eval.synthetic;
