/** Warm start: a new series begins from a similar series' history. */
package io.vigil.detect.warm;
