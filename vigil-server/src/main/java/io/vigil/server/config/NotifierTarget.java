package io.vigil.server.config;

import java.net.URI;

/**
 * Where alerts are sent.
 *
 * @param kind Alertmanager's v2 API or a generic JSON webhook
 * @param url Alertmanager's base URL (…:9093) or the webhook's URL
 * @param maxAttempts delivery attempts before giving up, with back-off between them
 */
public record NotifierTarget(Kind kind, URI url, int maxAttempts) {
  /** The kinds of notifier. */
  public enum Kind { ALERTMANAGER, WEBHOOK }

  public NotifierTarget {
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("notifier URL '" + url + "' must be http or https");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }
}
