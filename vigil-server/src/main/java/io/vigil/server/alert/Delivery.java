package io.vigil.server.alert;

/**
 * One attempt to tell a notifier about an alert.
 *
 * @param alertId the alert
 * @param notifier the notifier's URL
 * @param event firing or resolved
 * @param attempt 1 for the first try
 * @param outcome delivered, failed (will retry), gave_up, or silenced
 * @param httpStatus the answer's status, 0 when there was none
 * @param error what went wrong, empty when nothing did
 * @param atMs when (wall clock)
 */
public record Delivery(long alertId, String notifier, String event, int attempt, String outcome,
    int httpStatus, String error, long atMs) {}
