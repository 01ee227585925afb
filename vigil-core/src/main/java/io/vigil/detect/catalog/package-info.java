/**
 * The catalogue of streaming detectors: every algorithm's descriptor by name, Vigil's default
 * composition, and detector specs (an algorithm with parameters and features) built from it.
 * Detector packages depend only on {@code io.vigil.detect}; this package depends on them all.
 */
package io.vigil.detect.catalog;
