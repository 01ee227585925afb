/**
 * The multivariate benchmark: detectors fitted on each {@code <name>_train.csv} and judged on
 * the labelled {@code <name>_test.csv} beside it.
 */
package io.vigil.eval.multivariate;
