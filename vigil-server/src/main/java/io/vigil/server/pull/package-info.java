/** Pull: Vigil evaluates PromQL queries against a Prometheus on an interval. */
package io.vigil.server.pull;
