/**
 * The model registry: every version of a series' detector (spec, threshold, trained state,
 * validation figures, signature), which one is champion and which run in shadow. The engine
 * reads champions from it; the model lifecycle writes it.
 */
package io.vigil.server.registry;
