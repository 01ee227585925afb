package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The commands' client of a running {@code vigil serve}: JSON in and out; a refusal becomes an
 * {@link IllegalArgumentException} carrying the server's own message, so the command prints
 * what the API said. The API token, when the service asks for one, comes from
 * {@code $VIGIL_TOKEN} (an environment variable rather than an option, so it stays out of
 * shell history and process lists). A service whose certificate comes from a private
 * authority is trusted through {@code $VIGIL_CA_FILE} (PEM), as curl's {@code --cacert}.
 */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The variable naming a PEM file of authorities to trust instead of the JDK's. */
  static final String CA_VARIABLE = "VIGIL_CA_FILE";

  private final HttpClient http = client();
  private final String base;

  ApiClient(String base) {
    URI uri;
    try {
      uri = URI.create(base);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--server '" + base + "' is not a URL");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("--server must be an http:// or https:// URL, was '"
          + base + "'");
    }
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  private static HttpClient client() {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    String ca = System.getenv(CA_VARIABLE);
    if (ca != null && !ca.isBlank()) {
      try {
        b.sslContext(io.vigil.server.security.PemFiles.trusting(java.nio.file.Path.of(ca)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("$" + CA_VARIABLE + ": " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  JsonNode post(String path, String json) throws IOException, InterruptedException {
    return post(path, json, "application/json");
  }

  JsonNode post(String path, String body, String type) throws IOException,
      InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  JsonNode delete(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  /** The variable the API token is read from. */
  static final String TOKEN_VARIABLE = "VIGIL_TOKEN";

  /** The body of a GET that answers text (an HTML page), or the API's refusal as an error. */
  String getText(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = exchange(HttpRequest.newBuilder(URI.create(base + path)).GET());
    if (r.statusCode() >= 400) {
      JsonNode body;
      try {
        body = JSON.readTree(r.body());
      } catch (IOException e) {
        throw new IOException(base + " answered " + r.statusCode(), e);
      }
      throw new IllegalArgumentException(body.path("error").asText("HTTP " + r.statusCode()));
    }
    return r.body();
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> r = exchange(request);
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IOException(base + " answered " + r.statusCode() + " with something that is"
          + " not JSON: is it Vigil?", e);
    }
    if (r.statusCode() >= 400) {
      throw new IllegalArgumentException(body.path("error").asText("HTTP " + r.statusCode()));
    }
    return body;
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request) throws IOException,
      InterruptedException {
    String token = System.getenv(TOKEN_VARIABLE);
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token.strip());
    }
    HttpResponse<String> r;
    try {
      r = http.send(request.timeout(Duration.ofMinutes(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new IOException("cannot reach Vigil at " + base + ": is 'vigil serve' running"
          + " there? (--server)", e);
    } catch (javax.net.ssl.SSLException e) {
      throw new IOException("no TLS with " + base + ": "
          + io.vigil.server.security.PemFiles.words(e) + " (a certificate from a private"
          + " authority? set $" + CA_VARIABLE + " to its PEM file)", e);
    }
    return r;
  }
}
