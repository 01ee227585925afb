/** Detectors that combine others, each member calibrated to a probability first. */
package io.vigil.detect.ensemble;
