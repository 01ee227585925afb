/** The training range as a detector: how far a row goes beyond what each metric did in training. */
package io.vigil.detect.range;
