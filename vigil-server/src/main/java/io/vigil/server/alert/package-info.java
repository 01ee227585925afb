/**
 * Alerting: rules turn anomalies into alerts (for-duration, grouping, dedup, automatic
 * resolve, silences), notifiers deliver them to Alertmanager and webhooks with retries.
 */
package io.vigil.server.alert;
