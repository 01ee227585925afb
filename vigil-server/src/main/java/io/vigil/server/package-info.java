/** Vigil's real-time service: ingest, per-series detection, storage and the query API. */
package io.vigil.server;
