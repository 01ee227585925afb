package io.vigil.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.model.series.SeriesModelTrainer;
import io.vigil.series.DataFormatException;
import io.vigil.series.SeriesKey;
import io.vigil.series.TimeSeries;
import io.vigil.series.TimeSeriesCsvReader;
import io.vigil.server.config.SeriesSelector;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.SeriesStore;
import io.vigil.server.engine.SeriesView;
import io.vigil.server.model.Feedback;
import io.vigil.server.model.ModelHealth;
import io.vigil.server.model.ModelTraining;
import io.vigil.server.model.Models;
import io.vigil.server.model.TrainingJob;
import io.vigil.server.registry.ModelVersion;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The model lifecycle's routes: train (a background job with progress, or {@code ?wait=true}),
 * list, show, diff, promote, roll back, shadow and compare, feedback labels, threshold retune,
 * and the health of live models. Who acts is the body's {@code by} (default {@code api}).
 * Refusals: 400 bad input, 404 unknown series, version, job, anomaly or alert, 409 a switch
 * that makes no sense now.
 */
public final class ModelApi {
  private final Models models;
  private final DetectionEngine engine;
  private final SeriesStore series;
  private final Function<SeriesKey, String> detectorFor;

  public ModelApi(Models models, DetectionEngine engine, SeriesStore series,
      Function<SeriesKey, String> detectorFor) {
    this.models = models;
    this.engine = engine;
    this.series = series;
    this.detectorFor = detectorFor;
  }

  /** Registers the routes on {@code c}. */
  public void configure(JavalinConfig c) {
    c.routes.post("/api/v1/models/train", this::train);
    c.routes.get("/api/v1/models/jobs/{id}", ctx -> HttpApi.json(ctx, 200, ModelJson.job(
        models.training().job(id(ctx, "id")).orElseThrow(() -> new ApiException(404,
            "no training job " + ctx.pathParam("id"))))));
    c.routes.get("/api/v1/models", this::list);
    c.routes.get("/api/v1/models/health", this::health);
    c.routes.get("/api/v1/models/{id}", this::show);
    c.routes.get("/api/v1/models/{id}/diff/{other}", ctx -> HttpApi.json(ctx, 200,
        ModelJson.diff(version(id(ctx, "id")), version(id(ctx, "other")))));
    c.routes.post("/api/v1/models/{id}/promote", ctx -> {
      String by = who(ctx, JsonBody.read(ctx, Set.of("by")).text("by", "api"));
      HttpApi.json(ctx, 200, ModelJson.version(call(() -> models.switches().promote(
          id(ctx, "id"), by))));
    });
    c.routes.post("/api/v1/models/{id}/shadow", ctx -> {
      String by = who(ctx, JsonBody.read(ctx, Set.of("by")).text("by", "api"));
      HttpApi.json(ctx, 200, ModelJson.version(call(() -> models.switches().shadow(
          id(ctx, "id"), by))));
    });
    c.routes.delete("/api/v1/models/{id}/shadow", ctx -> {
      long id = id(ctx, "id");
      call(() -> {
        models.switches().unshadow(id, "api");
        return id;
      });
      HttpApi.json(ctx, 200, Json.object().put("unshadowed", id));
    });
    c.routes.get("/api/v1/models/{id}/shadow", ctx -> HttpApi.json(ctx, 200,
        ModelJson.shadow(call(() -> models.shadows().compare(id(ctx, "id"))))));
    c.routes.post("/api/v1/series/{id}/rollback", this::rollback);
    c.routes.get("/api/v1/series/{id}/models", this::seriesModels);
    c.routes.post("/api/v1/series/{id}/retune", ctx -> {
      long id = seriesId(ctx);
      JsonBody body = JsonBody.read(ctx, Set.of("promote", "by"));
      HttpApi.json(ctx, 200, ModelJson.retune(call(() -> models.retune().retune(id,
          body.bool("promote", false), who(ctx, body.text("by", "api"))))));
    });
    c.routes.get("/api/v1/series/{id}/threshold", ctx -> {
      long id = seriesId(ctx);
      String given = ctx.queryParam("probability");
      Double p = null;
      if (given != null) {
        try {
          p = Double.parseDouble(given);
        } catch (NumberFormatException e) {
          p = Double.NaN;
        }
      }
      double probability = probability(p, given);
      long quiet = RequestParams.duration(ctx, "resolveAfter", java.time.Duration.ofMinutes(15))
          .toMillis();
      HttpApi.json(ctx, 200, ModelJson.previews(call(() -> models.retune().preview(id,
          probability, quiet))));
    });
    c.routes.post("/api/v1/series/{id}/threshold", ctx -> {
      long id = seriesId(ctx);
      JsonBody body = JsonBody.read(ctx, Set.of("probability", "promote", "resolveAfter", "by"));
      double probability = probability(body.number("probability"), null);
      long quiet = body.has("resolveAfter") ? io.vigil.server.config.Durations.parse(
          body.text("resolveAfter", "15m")).toMillis() : 15 * 60_000L;
      HttpApi.json(ctx, 200, ModelJson.version(call(() -> models.retune().setThreshold(id,
          probability, quiet, body.bool("promote", true), who(ctx, body.text("by", "api"))))));
    });
    c.routes.post("/api/v1/feedback", this::feedback);
    c.routes.get("/api/v1/feedback", ctx -> {
      String s = ctx.queryParam("series");
      if (s == null) {
        throw new ApiException(400, "name the series: ?series=ID");
      }
      long id = RequestParams.seriesOf(engine, s).info().id();
      ObjectNode out = Json.object();
      out.set("labels", Json.array(models.labels().labels(id).stream().map(ModelJson::label)
          .toList()));
      HttpApi.json(ctx, 200, out);
    });
  }

  /**
   * JSON: {@code {"series": ID}} or {@code {"selector": {"series": regex, "labels": {...}}}},
   * {@code "candidates": [spec, ...]}, {@code "from"}, {@code "to"}, {@code "by"}. CSV
   * ({@code text/csv}, {@code timestamp,value}): the history of the series named by the query
   * as for {@code /api/v1/import}, candidates as repeated {@code candidate=} parameters.
   */
  private void train(Context ctx) {
    String type = ctx.contentType();
    ModelTraining.Request request;
    if (type != null && type.startsWith("text/csv")) {
      request = csvRequest(ctx);
    } else {
      JsonBody body = JsonBody.read(ctx, Set.of("series", "selector", "candidates", "from",
          "to", "by"));
      List<Long> ids = targets(body);
      Long from = body.time("from");
      Long to = body.time("to");
      request = call(() -> new ModelTraining.Request(ids, specs(body.texts("candidates"),
          "candidates"), from == null ? Long.MIN_VALUE : from, to == null ? Long.MAX_VALUE : to,
          null, who(ctx, body.text("by", "api"))));
    }
    boolean wait = "true".equals(ctx.queryParam("wait"));
    if (wait) {
      ObjectNode out = Json.object();
      out.set("versions", Json.MAPPER.valueToTree(call(() -> models.training().run(request,
          null)).stream().map(ModelJson::outcome).toList()));
      HttpApi.json(ctx, 200, out);
      return;
    }
    TrainingJob job = call(() -> models.training().submit(request));
    HttpApi.json(ctx, 202, Json.MAPPER.valueToTree(ModelJson.jobBody(job,
        "/api/v1/models/jobs/" + job.id())));
  }

  private ModelTraining.Request csvRequest(Context ctx) {
    SeriesKey key = PointsApi.importKey(ctx);
    TimeSeries csv;
    try {
      csv = TimeSeriesCsvReader.read(new StringReader(ctx.body()), "body");
    } catch (DataFormatException e) {
      throw new ApiException(400, e.getMessage());
    } catch (IOException e) {
      throw new ApiException(400, "the body could not be read: " + e.getMessage());
    }
    List<DetectorSpec> specs = specs(ctx.queryParams("candidate"), "candidate");
    if (csv.size() < SeriesModelTrainer.MIN_POINTS) {
      // Refused before the series is registered, so a bad upload leaves nothing behind.
      throw new ApiException(400, "the CSV has " + csv.size() + " points; at least "
          + SeriesModelTrainer.MIN_POINTS + " are needed to train");
    }
    long id = series.findOrCreate(key, detectorFor.apply(key)).id();
    String by = ctx.queryParam("by");
    return call(() -> new ModelTraining.Request(List.of(id), specs, Long.MIN_VALUE,
        Long.MAX_VALUE, csv, who(ctx, by == null ? "api" : by)));
  }

  private List<Long> targets(JsonBody body) {
    if (body.has("series") == body.has("selector")) {
      throw new ApiException(400, "give series (an id) or selector ({\"series\": regex,"
          + " \"labels\": {name: regex}}), one of them");
    }
    if (body.has("series")) {
      long id = body.whole("series");
      return List.of(RequestParams.seriesOf(engine, Long.toString(id)).info().id());
    }
    var node = body.node("selector");
    if (!node.isObject()) {
      throw new ApiException(400, "selector: must be an object, was " + node);
    }
    var name = node.get("series");
    if (name != null && !name.isTextual()) {
      throw new ApiException(400, "selector.series: must be a regular expression (a string),"
          + " was " + name);
    }
    var labelNode = node.get("labels");
    if (labelNode != null && !labelNode.isObject()) {
      throw new ApiException(400, "selector.labels: must be an object of label name to"
          + " regular expression, was " + labelNode);
    }
    SeriesSelector selector;
    try {
      Map<String, String> labels = new TreeMap<>();
      if (labelNode != null) {
        for (var e : labelNode.properties()) {
          if (!e.getValue().isTextual()) {
            throw new ApiException(400, "selector.labels." + e.getKey() + ": must be a string,"
                + " was " + e.getValue());
          }
          labels.put(e.getKey(), e.getValue().textValue());
        }
      }
      selector = new SeriesSelector(name == null ? null : name.textValue(), labels);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "selector." + e.getMessage());
    }
    List<Long> ids = new ArrayList<>();
    for (io.vigil.server.engine.SeriesInfo info : engine.seriesInfos()) {
      if (selector.matches(info.key())) {
        ids.add(info.id());
      }
    }
    if (ids.isEmpty()) {
      throw new ApiException(404, "no series matches the selector " + node);
    }
    return ids;
  }

  private static List<DetectorSpec> specs(List<String> texts, String field) {
    List<DetectorSpec> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      try {
        out.add(DetectorSpec.parse(texts.get(i)));
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, field + "[" + i + "]: " + e.getMessage());
      }
    }
    return out;
  }

  private void list(Context ctx) {
    String s = ctx.queryParam("series");
    Long id = s == null ? null : RequestParams.seriesOf(engine, s).info().id();
    ObjectNode out = Json.object();
    out.set("models", Json.array(models.registry().versions(id, RequestParams.limit(ctx)).stream()
        .map(ModelJson::version).toList()));
    HttpApi.json(ctx, 200, out);
  }

  private void show(Context ctx) {
    ModelVersion v = version(id(ctx, "id"));
    ObjectNode out = ModelJson.versionWithReport(v);
    if (v.inShadow()) {
      try {
        out.set("shadow", ModelJson.shadow(models.shadows().compare(v.id())));
      } catch (IllegalStateException e) {
        out.put("shadow", e.getMessage());
      }
    }
    if (v.status() == ModelVersion.Status.CHAMPION) {
      models.health().stream().filter(h -> h.version().id() == v.id()).findFirst()
          .ifPresent(h -> out.set("health", ModelJson.health(h)));
    }
    HttpApi.json(ctx, 200, out);
  }

  private void health(Context ctx) {
    List<ModelHealth> all = models.health();
    ObjectNode out = Json.object().put("degraded", all.stream()
        .filter(h -> !h.ok()).count());
    out.set("models", Json.array(all.stream().map(ModelJson::health).toList()));
    HttpApi.json(ctx, 200, out);
  }

  private void rollback(Context ctx) {
    long id = seriesId(ctx);
    JsonBody body = JsonBody.read(ctx, Set.of("to", "by"));
    Long to = body.whole("to");
    HttpApi.json(ctx, 200, ModelJson.version(call(() -> models.switches().rollback(id, to,
        who(ctx, body.text("by", "api"))))));
  }

  private void seriesModels(Context ctx) {
    long id = seriesId(ctx);
    HttpApi.json(ctx, 200, Json.MAPPER.valueToTree(new ModelBodies.SeriesModels(id,
        models.registry().versions(id, RequestParams.limit(ctx)).stream()
            .map(ModelJson::body).toList(),
        models.registry().events(id).stream().map(ModelJson::event).toList())));
  }


  /**
   * {@code {"verdict": "true-positive"|"false-positive", "alert": ID}}, or the same with
   * {@code "series": ID, "timestamp": t} for one anomaly, or {@code {"verdict": "missed",
   * "series": ID, "from": t, "to": t}}; optional {@code "note"}, {@code "by"}.
   */
  private void feedback(Context ctx) {
    JsonBody body = JsonBody.read(ctx, Set.of("verdict", "series", "timestamp", "alert",
        "from", "to", "note", "by"));
    if (!body.has("verdict")) {
      throw new ApiException(400, "verdict: required (true-positive, false-positive or"
          + " missed)");
    }
    Feedback.Verdict v = new Feedback.Verdict(body.text("verdict", null), body.whole("series"),
        body.time("timestamp"), body.whole("alert"), body.time("from"), body.time("to"),
        body.text("note", null), body.text("by", "api"));
    ObjectNode out = Json.object();
    out.set("labels", Json.array(call(() -> models.feedback().mark(v)).stream()
        .map(ModelJson::label).toList()));
    HttpApi.json(ctx, 201, out);
  }

  private ModelVersion version(long id) {
    return models.registry().version(id).orElseThrow(() -> new ApiException(404,
        "no model version " + id));
  }

  private long seriesId(Context ctx) {
    return RequestParams.seriesOf(engine, ctx.pathParam("id")).info().id();
  }

  private static long id(Context ctx, String param) {
    String id = ctx.pathParam(param);
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new ApiException(400, param + " must be a number, was '" + id + "'");
    }
  }

  /** Runs a lifecycle call, answering its refusals with the right status. */
  /** A threshold: a probability in (0, 1). */
  private static double probability(Double p, String given) {
    if (p == null && given == null) {
      throw new ApiException(400, "probability: required, the threshold (for example 0.9999)");
    }
    if (p == null || !(p > 0 && p < 1)) {
      throw new ApiException(400, "probability: must be a number between 0 and 1 exclusive,"
          + " was " + (given != null ? "'" + given + "'" : p));
    }
    return p;
  }

  private static <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (NoSuchElementException e) {
      throw new ApiException(404, e.getMessage());
    } catch (IllegalStateException e) {
      throw new ApiException(409, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
  }

  /**
   * Who acted: the token's name when the request carried one (a client cannot claim another
   * identity), else what the client says (open mode on 127.0.0.1).
   */
  static String who(io.javalin.http.Context ctx, String claimed) {
    Object token = ctx.attribute(AccessGuard.TOKEN);
    return token instanceof io.vigil.server.security.ApiTokens.Token t ? "token:" + t.name()
        : claimed;
  }
}
