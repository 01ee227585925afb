package io.vigil.server.config;

import java.net.URI;

/**
 * Where alerts are sent.
 *
 * @param kind Alertmanager's v2 API or a generic JSON webhook
 * @param url Alertmanager's base URL (…:9093) or the webhook's URL
 * @param maxAttempts delivery attempts before giving up, with back-off between them
 * @param http trusted authorities, client certificate and Authorization header
 */
public record NotifierTarget(Kind kind, URI url, int maxAttempts, OutboundHttp http) {
  /** The kinds of notifier. */
  public enum Kind { ALERTMANAGER, WEBHOOK }

  /** With the JDK's trust and no Authorization header beyond the URL's user:password. */
  public NotifierTarget(Kind kind, URI url, int maxAttempts) {
    this(kind, url, maxAttempts, OutboundHttp.DEFAULT);
  }

  public NotifierTarget {
    java.util.Objects.requireNonNull(http, "http");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("notifier URL '" + url + "' must be http or https");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    String path = url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "");
    if (kind == Kind.ALERTMANAGER && path.matches(".*/api/v[12]/alerts")) {
      throw new IllegalArgumentException("alertmanager: '" + redact(url) + "' is an API path:"
          + " give Alertmanager's base URL (" + redact(url).replace(url.getPath(), "")
          + "); Vigil adds /api/v2/alerts");
    }
  }

  /**
   * A POST of the JSON {@code body} to this notifier: to Alertmanager's v2 API under its base
   * URL, or to the webhook's URL; within 10 s; with the configured Authorization header, or
   * basic authentication from the URL's user:password (as Alertmanager's clients read it),
   * never in the URL itself.
   */
  public java.net.http.HttpRequest post(String body) {
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(endpoint())
        .timeout(java.time.Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
    if (http.authorization() != null) {
      http.authorize(request);
    } else if (url.getUserInfo() != null) {
      request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
          url.getUserInfo().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return request.build();
  }

  /** Where to send: the URL without its user information (sent as a header instead). */
  private URI endpoint() {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    if (kind == Kind.ALERTMANAGER) {
      path = (path.endsWith("/") ? path : path + "/") + "api/v2/alerts";
    }
    return URI.create(url.getScheme() + "://" + url.getRawAuthority().replaceFirst("^.*@", "")
        + path + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
  }

  /** The URL as it may be shown and logged: credentials and query values hidden. */
  public String redacted() {
    return redact(url);
  }

  /**
   * {@code url} with its user information (user:password) and query (tokens often travel
   * there) replaced by {@code ***}: what answers and logs may show of a URL.
   */
  public static String redact(URI url) {
    StringBuilder b = new StringBuilder();
    if (url.getScheme() != null) {
      b.append(url.getScheme()).append("://");
    }
    if (url.getRawUserInfo() != null) {
      b.append("***@");
    }
    if (url.getHost() != null) {
      b.append(url.getHost());
    }
    if (url.getPort() >= 0) {
      b.append(':').append(url.getPort());
    }
    if (url.getRawPath() != null) {
      b.append(url.getRawPath());
    }
    if (url.getRawQuery() != null) {
      b.append("?***");
    }
    return b.toString();
  }
}
