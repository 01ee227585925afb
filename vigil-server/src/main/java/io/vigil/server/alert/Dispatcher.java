package io.vigil.server.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.correlate.RootCause;
import io.vigil.series.Timestamps;
import io.vigil.server.config.NotifierTarget;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alert events to every notifier, off the ingest path, retrying failures with
 * exponential back-off (1 s, 2 s, 4 s, ... at most 60 s) up to each notifier's maxAttempts.
 * Every attempt is recorded; an alert muted by a silence is recorded as silenced and not
 * sent.
 *
 * <p>Alertmanager gets its v2 API ({@code POST /api/v2/alerts}, a list of alerts with labels,
 * annotations, startsAt and, once resolved, endsAt). A webhook gets
 * {@code {"version": "1", "status": "firing"|"resolved", "alert": {...}}}. An alert over
 * several series carries their ranking by probable origin: Alertmanager as the annotations
 * {@code probable_origin} (the first) and {@code origin_ranking} (one line each), a webhook as
 * {@code causes}.
 */
public final class Dispatcher implements AlertEvaluator.Notifications, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_BACKOFF_MS = 60_000;

  private final List<NotifierTarget> targets;
  private final AlertStore store;
  private final LongSupplier wallClock;
  private final java.util.function.Supplier<String> generatorBase;
  /** One client per target: each has its own trusted authorities and client certificate. */
  private final java.util.Map<NotifierTarget, HttpClient> clients =
      new java.util.IdentityHashMap<>();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      r -> {
        Thread t = new Thread(r, "vigil-notify");
        t.setDaemon(true);
        return t;
      });

  /**
   * @param generatorBase the server's base URL (known once it listens), for links back to an
   *     alert
   */
  public Dispatcher(List<NotifierTarget> targets, AlertStore store, LongSupplier wallClock,
      java.util.function.Supplier<String> generatorBase) {
    this.targets = List.copyOf(targets);
    for (NotifierTarget t : this.targets) {
      clients.put(t, t.http().client());
    }
    this.store = store;
    this.wallClock = wallClock;
    this.generatorBase = generatorBase;
  }

  @Override
  public void send(AlertView alert, String event) {
    for (NotifierTarget t : targets) {
      executor.execute(() -> attempt(t, alert, event, 1));
    }
  }

  /** Re-sends firing alerts to Alertmanager, which forgets alerts it does not hear of. */
  public void refresh(List<AlertView> firing) {
    for (NotifierTarget t : targets) {
      if (t.kind() == NotifierTarget.Kind.ALERTMANAGER) {
        for (AlertView a : firing) {
          executor.execute(() -> attempt(t, a, "refresh", t.maxAttempts()));
        }
      }
    }
  }

  private void attempt(NotifierTarget t, AlertView alert, String event, int attempt) {
    long now = wallClock.getAsLong();
    boolean silenced = store.silences(now).stream().anyMatch(s -> s.mutes(alert.labels(), now));
    if (silenced) {
      store.recordDelivery(new Delivery(alert.id(), t.redacted(), event, attempt,
          "silenced", 0, "", now));
      return;
    }
    int status = 0;
    String error = "";
    try {
      HttpResponse<String> r = clients.get(t).send(t.post(body(t, alert, event)),
          HttpResponse.BodyHandlers.ofString());
      status = r.statusCode();
      if (status / 100 != 2) {
        error = "HTTP " + status + ": " + r.body().strip();
      }
    } catch (java.net.http.HttpTimeoutException e) {
      error = "no answer within 10 s";
    } catch (java.net.ConnectException e) {
      error = "could not connect";
    } catch (javax.net.ssl.SSLException e) {
      error = "TLS handshake failed: " + io.vigil.server.security.PemFiles.words(e);
    } catch (java.io.IOException e) {
      error = e.getMessage() != null ? e.getMessage() : "the connection failed";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    boolean ok = error.isEmpty();
    boolean retry = !ok && attempt < t.maxAttempts();
    String outcome = ok ? "delivered" : retry ? "failed" : "gave_up";
    if (!"refresh".equals(event) || !ok) {
      store.recordDelivery(new Delivery(alert.id(), t.redacted(), event, attempt, outcome,
          status, error.length() > 500 ? error.substring(0, 500) : error, now));
    }
    if (retry) {
      long backoff = Math.min(MAX_BACKOFF_MS, 1000L << Math.min(attempt - 1, 16));
      executor.schedule(() -> attempt(t, alert, event, attempt + 1), backoff,
          TimeUnit.MILLISECONDS);
    } else if (!ok) {
      LOG.warn("gave up telling {} about alert {}: {}", t.redacted(), alert.id(), error);
    }
  }

  private String body(NotifierTarget t, AlertView a, String event) {
    ObjectNode labels = JSON.createObjectNode();
    a.labels().forEach(labels::put);
    if (t.kind() == NotifierTarget.Kind.ALERTMANAGER) {
      ObjectNode alert = JSON.createObjectNode();
      alert.set("labels", labels);
      ObjectNode annotations = alert.putObject("annotations");
      annotations.put("summary", a.text());
      annotations.put("probability", AlertText.probability(a.maxProbability()));
      annotations.put("anomalies", Long.toString(a.anomalies()));
      if (!a.causes().isEmpty()) {
        annotations.put("probable_origin", origin(a.causes().get(0)));
        annotations.put("origin_ranking", String.join("\n", a.causes().stream()
            .map(Dispatcher::origin).toList()));
      }
      alert.put("startsAt", Timestamps.format(a.startsMs()));
      if (a.state() == Alert.State.RESOLVED) {
        alert.put("endsAt", Timestamps.format(a.endsMs()));
      }
      // The dashboard's page of the alert: its series' chart around the incident.
      alert.put("generatorURL", generatorBase.get() + "/#/alerts/" + a.id());
      ArrayNode list = JSON.createArrayNode();
      list.add(alert);
      return list.toString();
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("version", "1");
    o.put("status", a.state() == Alert.State.RESOLVED ? "resolved" : "firing");
    ObjectNode alert = o.putObject("alert");
    alert.put("id", a.id());
    alert.put("rule", a.rule());
    alert.set("labels", labels);
    alert.put("summary", a.text());
    alert.put("startsAt", Timestamps.format(a.startsMs()));
    if (a.state() == Alert.State.RESOLVED) {
      alert.put("endsAt", Timestamps.format(a.endsMs()));
    }
    alert.put("maxProbability", a.maxProbability());
    alert.put("anomalies", a.anomalies());
    alert.set("causes", JSON.valueToTree(a.causes()));
    return o.toString();
  }

  /** One series of the origin ranking in a line: its name, then why. */
  private static String origin(RootCause.Cause c) {
    return c.name() + ": " + String.join("; ", c.reasons());
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
