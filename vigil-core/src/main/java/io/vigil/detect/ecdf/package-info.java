/** Detectors built on each metric's empirical distribution in training. */
package io.vigil.detect.ecdf;
