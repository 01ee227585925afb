/**
 * The Numenta Anomaly Benchmark: reading a corpus in NAB's layout and scoring anomaly scores
 * exactly as NAB v1.1 does ({@code datasets/nab/SCORING.md}).
 */
package io.vigil.eval.nab;
