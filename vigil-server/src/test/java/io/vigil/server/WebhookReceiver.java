package io.vigil.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP endpoint that records what it is sent, failing the first N requests. */
public final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft;
  private volatile String failOnly;
  private final String scheme;

  public WebhookReceiver(int failFirst) {
    this(failFirst, null);
  }

  /** Answering HTTPS with {@code tls} (a context holding the server's key), or HTTP if null. */
  public WebhookReceiver(int failFirst, javax.net.ssl.SSLContext tls) {
    this.failuresLeft = new AtomicInteger(failFirst);
    this.scheme = tls == null ? "http" : "https";
    try {
      if (tls == null) {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } else {
        var https = com.sun.net.httpserver.HttpsServer.create(
            new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
        server = https;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String only = failOnly;
      int status = (only == null || body.contains(only)) && failuresLeft.getAndDecrement() > 0
          ? 503 : 200;
      if (status == 200) {
        bodies.add(body);
        paths.add(exchange.getRequestURI().getPath());
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
          authorizations.add(auth);
        }
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  /** Makes the next {@code n} requests whose body contains {@code text} fail with 503. */
  public void failNext(int n, String text) {
    failOnly = text;
    failuresLeft.set(n);
  }

  public String url(String path) {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Bodies accepted so far. */
  public List<String> bodies() {
    return bodies;
  }

  /** The Authorization headers of the requests answered 200. */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /** Paths of the accepted requests. */
  public List<String> paths() {
    return paths;
  }

  /** Waits up to {@code millis} for an accepted body containing {@code text}; returns it. */
  public String await(String text, long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < end) {
      for (String b : bodies) {
        if (b.contains(text)) {
          return b;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("nothing containing '" + text + "' arrived in " + millis
        + " ms; got " + bodies);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
