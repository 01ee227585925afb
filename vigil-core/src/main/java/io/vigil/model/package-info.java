/**
 * Fitted models as versioned JSON documents: what was fitted, its threshold, how it validated
 * and where it came from (data hashes, time, Vigil version), and the training pipeline that
 * makes them.
 */
package io.vigil.model;
