/**
 * Model lifecycle in the service: training versions of a series' model from its stored
 * history (or an uploaded CSV) with the user's labels, the registry's promote, rollback and
 * shadow, feedback labels and threshold retuning, and the health of live models.
 */
package io.vigil.server.model;
