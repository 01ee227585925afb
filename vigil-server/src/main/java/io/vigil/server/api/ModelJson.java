package io.vigil.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.series.Timestamps;
import io.vigil.server.model.ModelHealth;
import io.vigil.server.model.ShadowComparison;
import io.vigil.server.model.ThresholdRetune;
import io.vigil.server.model.TrainingJob;
import io.vigil.server.model.TrainingOutcome;
import io.vigil.server.store.FeedbackLabel;
import io.vigil.server.store.ModelRegistry;
import io.vigil.server.store.ModelVersion;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** How the model API writes versions, jobs, comparisons, labels and health. */
final class ModelJson {
  private ModelJson() {}

  /** A version: what it is, what it was trained on, how it validated, where it stands. */
  static ObjectNode version(ModelVersion v) {
    return Json.MAPPER.valueToTree(body(v));
  }

  /** A version as {@link ModelVersionBody}. */
  static ModelVersionBody body(ModelVersion v) {
    ModelVersion.TrainingWindow w = v.window();
    ModelVersion.Validation val = v.validation();
    return new ModelVersionBody(v.id(), v.seriesId(), v.version(),
        v.status().name().toLowerCase(Locale.ROOT), v.spec().text(), v.spec().algorithm(),
        new java.util.LinkedHashMap<>(v.spec().parameters()),
        java.util.List.copyOf(v.spec().features()),
        v.threshold(), v.thresholdMethod(), new ModelVersionBody.Training(
            Timestamps.format(w.fromMs()), Timestamps.format(w.toMs()), w.points(),
            w.throughSeq(), w.dataSha256(), w.source(), w.labels()),
        new ModelVersionBody.Validation(val.metric(), Double.isFinite(val.figure())
            ? val.figure() : null, val.alertRate(), null),
        v.createdBy(), Timestamps.format(v.createdMs()),
        v.inShadow() ? v.shadowFromSeq() : null, null);
  }

  /** A version with every candidate's figures from its training. */
  static ObjectNode versionWithReport(ModelVersion v) {
    return Json.MAPPER.valueToTree(withReport(v));
  }

  private static ModelVersionBody withReport(ModelVersion v) {
    JsonNode report;
    try {
      report = Json.MAPPER.readTree(v.validation().reportJson());
    } catch (IOException e) {
      report = Json.MAPPER.getNodeFactory().textNode("unreadable: " + e.getMessage());
    }
    return body(v).withReport(report);
  }

  static ObjectNode job(TrainingJob j) {
    ObjectNode o = Json.object().put("job", j.id())
        .put("state", j.state().name().toLowerCase(Locale.ROOT)).put("series", j.series())
        .put("seriesDone", j.seriesDone());
    long[] p = j.points();
    o.putObject("progress").put("points", p[0]).put("of", p[1]);
    if (j.error() != null) {
      o.put("error", j.error());
    }
    o.set("versions", Json.array(j.outcomes().stream().map(ModelJson::outcome).toList()));
    return o;
  }

  static ObjectNode outcome(TrainingOutcome t) {
    return Json.MAPPER.valueToTree(withReport(t.version()).withPromoted(t.promoted()));
  }

  static ObjectNode event(ModelRegistry.ModelEvent e) {
    ObjectNode o = Json.object().put("versionId", e.versionId()).put("action", e.action());
    if (e.previousId() > 0) {
      o.put("previousId", e.previousId());
    }
    return o.put("by", e.by()).put("at", Timestamps.format(e.atMs()));
  }

  static ObjectNode label(FeedbackLabel l) {
    ObjectNode o = Json.object().put("id", l.id()).put("seriesId", l.seriesId())
        .put("from", Timestamps.format(l.fromMs())).put("to", Timestamps.format(l.toMs()))
        .put("anomalous", l.anomalous()).put("verdict", l.verdict());
    if (l.alertId() > 0) {
      o.put("alertId", l.alertId());
    }
    if (l.note() != null) {
      o.put("note", l.note());
    }
    return o.put("by", l.createdBy()).put("at", Timestamps.format(l.createdMs()));
  }

  static ObjectNode health(ModelHealth h) {
    ObjectNode o = Json.object().put("seriesId", h.seriesId())
        .put("modelId", h.version().id()).put("version", h.version().version())
        .put("status", h.status());
    o.set("reasons", Json.MAPPER.valueToTree(h.reasons()));
    o.put("points", h.points());
    Json.number(o, "alertRate", h.alertRate());
    Json.number(o, "trainingAlertRate", h.trainingAlertRate());
    Json.number(o, "drift", h.drift());
    o.put("lastTraining", Timestamps.format(h.lastTrainingMs()));
    if (h.lastTimestampMs() != Long.MIN_VALUE) {
      o.put("lastPoint", Timestamps.format(h.lastTimestampMs()));
    }
    return o.put("silentSeconds", h.silentMs() / 1000);
  }

  static ObjectNode shadow(ShadowComparison.Report r) {
    ObjectNode o = Json.object().put("fromSeq", r.fromSeq())
        .put("incidentPoints", r.incidentPoints());
    o.set("champion", side(r.champion()));
    o.set("challenger", side(r.challenger()));
    return o;
  }

  private static ObjectNode side(ShadowComparison.Side s) {
    ObjectNode o = Json.object();
    if (s.versionId() > 0) {
      o.put("modelId", s.versionId());
    } else {
      o.putNull("modelId");
    }
    o.put("threshold", s.threshold()).put("points", s.points()).put("alerts", s.alerts());
    Json.number(o, "precision", s.precision());
    Json.number(o, "recall", s.recall());
    Json.number(o, "f1", s.f1());
    return o;
  }

  static ObjectNode retune(ThresholdRetune.Result r) {
    ObjectNode o = Json.object();
    o.set("model", version(r.version()));
    o.put("points", r.points()).put("incidentPoints", r.incidentPoints())
        .put("promoted", r.promoted());
    o.set("before", figures(r.before()));
    o.set("after", figures(r.after()));
    return o;
  }

  static ObjectNode previews(ThresholdRetune.Previews p) {
    ObjectNode o = Json.object().put("detector", p.spec().text()).put("points", p.points())
        .put("from", io.vigil.series.Timestamps.format(p.fromMs()))
        .put("to", io.vigil.series.Timestamps.format(p.toMs()));
    o.set("current", preview(p.current()));
    o.set("proposed", preview(p.proposed()));
    return o;
  }

  private static ObjectNode preview(ThresholdRetune.Preview p) {
    ObjectNode o = Json.object().put("threshold", p.threshold()).put("alerts", p.alerts())
        .put("flaggedPoints", p.flaggedPoints()).put("incidents", p.incidents())
        .put("incidentsCaught", p.incidentsCaught());
    var starts = o.putArray("alertStartsMs");
    p.alertStartsMs().forEach(starts::add);
    return o;
  }

  private static ObjectNode figures(ThresholdRetune.Figures f) {
    ObjectNode o = Json.object().put("threshold", f.threshold()).put("alerts", f.alerts());
    Json.number(o, "precision", f.precision());
    Json.number(o, "recall", f.recall());
    Json.number(o, "f1", f.f1());
    return o;
  }

  /** Every field in which two versions differ, as {field, a, b}. */
  static ObjectNode diff(ModelVersion a, ModelVersion b) {
    ObjectNode ja = flat(version(a));
    ObjectNode jb = flat(version(b));
    ObjectNode out = Json.object().put("a", a.id()).put("b", b.id());
    ArrayNode changes = out.putArray("differences");
    java.util.Set<String> fields = new java.util.TreeSet<>();
    ja.fieldNames().forEachRemaining(fields::add);
    jb.fieldNames().forEachRemaining(fields::add);
    for (String f : fields) {
      if (f.equals("id") || f.equals("version")) {
        continue;
      }
      JsonNode x = ja.get(f);
      JsonNode y = jb.get(f);
      if (x == null ? y != null : !x.equals(y)) {
        ObjectNode c = changes.addObject().put("field", f);
        c.set("a", x);
        c.set("b", y);
      }
    }
    return out;
  }

  /** Nested objects flattened to dotted fields, so a diff names exactly what changed. */
  private static ObjectNode flat(ObjectNode o) {
    ObjectNode out = Json.object();
    flatten("", o, out);
    return out;
  }

  private static void flatten(String prefix, JsonNode n, ObjectNode out) {
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      String name = prefix + e.getKey();
      if (e.getValue().isObject()) {
        flatten(name + ".", e.getValue(), out);
      } else {
        out.set(name, e.getValue());
      }
    }
  }
}
