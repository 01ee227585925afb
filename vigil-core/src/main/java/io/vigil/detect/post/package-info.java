/** Post-processing of assessments that SREs expect before an alert: repeats, size, direction. */
package io.vigil.detect.post;
