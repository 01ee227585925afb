/** Per-series detection: one streaming detector per series, checkpointed, replayed on restart. */
package io.vigil.server.engine;
