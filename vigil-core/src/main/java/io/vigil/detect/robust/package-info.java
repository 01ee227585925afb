/** Detectors built on robust statistics: median and median absolute deviation, smoothed. */
package io.vigil.detect.robust;
