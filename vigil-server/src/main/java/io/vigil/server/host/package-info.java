/** Host-level detection: a host's metrics judged together, a row per scrape step. */
package io.vigil.server.host;
