package io.vigil.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.series.Timestamps;
import io.vigil.server.model.FeedbackLabel;
import io.vigil.server.model.ModelHealth;
import io.vigil.server.model.ShadowComparison;
import io.vigil.server.model.ThresholdRetune;
import io.vigil.server.model.TrainingJob;
import io.vigil.server.model.TrainingOutcome;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.registry.ModelVersion;
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
    return Json.MAPPER.valueToTree(jobBody(j, null));
  }

  /** A job as it travels; {@code status}, where to poll, on the 202 of a background job. */
  static ModelBodies.Job jobBody(TrainingJob j, String status) {
    long[] p = j.points();
    return new ModelBodies.Job(j.id(), j.state().name().toLowerCase(Locale.ROOT), j.series(),
        j.seriesDone(), new ModelBodies.Progress(p[0], p[1]), j.error(),
        j.outcomes().stream().map(ModelJson::outcome).toList(), status);
  }

  static ModelVersionBody outcome(TrainingOutcome t) {
    return withReport(t.version()).withPromoted(t.promoted());
  }

  static ModelBodies.Event event(ModelRegistry.ModelEvent e) {
    return new ModelBodies.Event(e.versionId(), e.action(),
        e.previousId() > 0 ? e.previousId() : null, e.by(), Timestamps.format(e.atMs()));
  }

  static ObjectNode label(FeedbackLabel l) {
    return Json.MAPPER.valueToTree(new ModelBodies.Label(l.id(), l.seriesId(),
        Timestamps.format(l.fromMs()), Timestamps.format(l.toMs()), l.anomalous(), l.verdict(),
        l.alertId() > 0 ? l.alertId() : null, l.note(), l.createdBy(),
        Timestamps.format(l.createdMs())));
  }

  static ObjectNode health(ModelHealth h) {
    return Json.MAPPER.valueToTree(new ModelBodies.Health(h.seriesId(), h.version().id(),
        h.version().version(), h.status(), h.reasons(), h.points(), finite(h.alertRate()),
        finite(h.trainingAlertRate()), finite(h.drift()), Timestamps.format(h.lastTrainingMs()),
        h.lastTimestampMs() == Long.MIN_VALUE ? null : Timestamps.format(h.lastTimestampMs()),
        h.silentMs() / 1000));
  }

  static ObjectNode shadow(ShadowComparison.Report r) {
    return Json.MAPPER.valueToTree(new ModelBodies.Shadow(r.fromSeq(), r.incidentPoints(),
        side(r.champion()), side(r.challenger())));
  }

  private static ModelBodies.Side side(ShadowComparison.Side s) {
    return new ModelBodies.Side(s.versionId() > 0 ? s.versionId() : null, s.threshold(),
        s.points(), s.alerts(), finite(s.precision()), finite(s.recall()), finite(s.f1()));
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  static ObjectNode retune(ThresholdRetune.Result r) {
    return Json.MAPPER.valueToTree(new ModelBodies.Retune(body(r.version()), r.points(),
        r.incidentPoints(), r.promoted(), figures(r.before()), figures(r.after())));
  }

  static ObjectNode previews(ThresholdRetune.Previews p) {
    return Json.MAPPER.valueToTree(new ModelBodies.Previews(p.spec().text(), p.points(),
        Timestamps.format(p.fromMs()), Timestamps.format(p.toMs()), preview(p.current()),
        preview(p.proposed())));
  }

  private static ModelBodies.Preview preview(ThresholdRetune.Preview p) {
    return new ModelBodies.Preview(p.threshold(), p.alerts(), p.flaggedPoints(), p.incidents(),
        p.incidentsCaught(), p.alertStartsMs());
  }

  private static ModelBodies.Figures figures(ThresholdRetune.Figures f) {
    return new ModelBodies.Figures(f.threshold(), f.alerts(), finite(f.precision()),
        finite(f.recall()), finite(f.f1()));
  }

  /** Every field in which two versions differ, as {field, a, b}. */
  static ObjectNode diff(ModelVersion a, ModelVersion b) {
    ObjectNode ja = flat(version(a));
    ObjectNode jb = flat(version(b));
    java.util.List<ModelBodies.Change> changes = new java.util.ArrayList<>();
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
        changes.add(new ModelBodies.Change(f, x, y));
      }
    }
    return Json.MAPPER.valueToTree(new ModelBodies.Diff(a.id(), b.id(), changes));
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
