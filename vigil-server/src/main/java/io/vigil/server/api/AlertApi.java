package io.vigil.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.series.Timestamps;
import io.vigil.server.alert.Alert;
import io.vigil.server.alert.AlertStore;
import io.vigil.server.alert.AlertView;
import io.vigil.server.alert.Delivery;
import io.vigil.server.alert.Silence;
import io.vigil.server.config.Durations;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Alerts (with their delivery history) and silences over HTTP. */
public final class AlertApi {
  private final AlertStore alerts;

  public AlertApi(AlertStore alerts) {
    this.alerts = alerts;
  }

  /** Registers the routes on {@code c}. */
  public void configure(JavalinConfig c) {
    c.routes.get("/api/v1/alerts", this::list);
    c.routes.get("/api/v1/alerts/{id}", this::one);
    c.routes.get("/api/v1/silences", ctx -> {
      ObjectNode out = Json.object();
      out.set("silences", Json.array(alerts.silences(System.currentTimeMillis()).stream()
          .map(AlertApi::silence).toList()));
      HttpApi.json(ctx, 200, out);
    });
    c.routes.post("/api/v1/silences", this::addSilence);
    c.routes.delete("/api/v1/silences/{id}", ctx -> {
      long id = id(ctx);
      if (!alerts.expireSilence(id, System.currentTimeMillis())) {
        throw new ApiException(404, "no active silence " + id);
      }
      HttpApi.json(ctx, 200, Json.object().put("expired", id));
    });
  }

  private void list(Context ctx) {
    String s = ctx.queryParam("state");
    Alert.State state = null;
    if (s != null) {
      try {
        state = Alert.State.valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, "state must be pending, firing, resolved or cancelled, was '" + s
            + "'");
      }
    }
    ObjectNode out = Json.object();
    out.set("alerts", Json.array(alerts.alerts(state, RequestParams.limit(ctx)).stream()
        .map(AlertApi::alert).toList()));
    HttpApi.json(ctx, 200, out);
  }

  private void one(Context ctx) {
    long id = id(ctx);
    AlertView a = alerts.alert(id).orElseThrow(() -> new ApiException(404, "no alert " + id));
    HttpApi.json(ctx, 200, Json.MAPPER.valueToTree(body(a).withDeliveries(
        alerts.deliveries(id).stream().map(AlertApi::delivery).toList())));
  }

  private void addSilence(Context ctx) {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      throw new ApiException(400, "the body is not valid JSON: " + e.getMessage());
    }
    if (body == null || !body.isObject() || !body.path("matchers").isObject()) {
      throw new ApiException(400, "expected {\"matchers\": {label: regex, ...}, \"duration\":"
          + " \"2h\" or \"endsAt\": time, \"comment\": text}");
    }
    Map<String, String> matchers = new TreeMap<>();
    for (Map.Entry<String, JsonNode> m : body.get("matchers").properties()) {
      if (!m.getValue().isTextual()) {
        throw new ApiException(400, "matchers." + m.getKey() + ": must be a string");
      }
      matchers.put(m.getKey(), m.getValue().textValue());
    }
    long now = System.currentTimeMillis();
    try {
      long starts = body.hasNonNull("startsAt")
          ? Timestamps.parseMillis(body.get("startsAt").asText()) : now;
      long ends;
      if (body.hasNonNull("endsAt")) {
        ends = Timestamps.parseMillis(body.get("endsAt").asText());
      } else if (body.hasNonNull("duration")) {
        ends = starts + Durations.parse(body.get("duration").asText()).toMillis();
      } else {
        throw new IllegalArgumentException("give endsAt or duration");
      }
      Silence s = alerts.addSilence(new Silence(0, matchers, starts, ends,
          body.path("comment").asText("")));
      HttpApi.json(ctx, 201, silence(s));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
  }

  private static long id(Context ctx) {
    String id = ctx.pathParam("id");
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new ApiException(400, "id must be a number, was '" + id + "'");
    }
  }

  private static AlertBody body(AlertView a) {
    return new AlertBody(a.id(), a.rule(), a.state().name().toLowerCase(Locale.ROOT), a.text(),
        new TreeMap<>(a.labels()), Timestamps.format(a.startsMs()), time(a.firedMs()),
        time(a.endsMs()), Timestamps.format(a.lastAnomalyMs()), a.maxProbability(),
        a.anomalies(), finite(a.lastValue()), finite(a.lastExpected()),
        a.lastDirection().name().toLowerCase(Locale.ROOT), a.causes(), null);
  }

  private static ObjectNode alert(AlertView a) {
    return Json.MAPPER.valueToTree(body(a));
  }

  private static String time(long ms) {
    return ms == Long.MIN_VALUE ? null : Timestamps.format(ms);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static AlertBody.Delivery delivery(Delivery d) {
    return new AlertBody.Delivery(d.notifier(), d.event(), d.attempt(), d.outcome(),
        d.httpStatus(), d.error(), Timestamps.format(d.atMs()));
  }

  private static ObjectNode silence(Silence s) {
    return Json.MAPPER.valueToTree(new AlertBody.Silence(s.id(), new TreeMap<>(s.matchers()),
        Timestamps.format(s.startsMs()), Timestamps.format(s.endsMs()), s.comment()));
  }

}
