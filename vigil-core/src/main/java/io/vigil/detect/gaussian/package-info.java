/**
 * The multivariate Gaussian detector of the seed study: a normal distribution fitted by maximum
 * likelihood, scored in log-density so that high dimensions do not underflow.
 */
package io.vigil.detect.gaussian;
