package io.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Locale;
import io.vigil.server.api.ModelBodies;
import io.vigil.server.api.ModelVersionBody;

/** How {@code vigil model} prints the API's answers as text. */
final class ModelText {
  private ModelText() {}

  static String number(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.4g", n.asDouble());
  }

  static String number(Double n) {
    return n == null || n.isNaN() ? "-" : String.format(Locale.ROOT, "%.4g", n);
  }

  /**
   * A version as the API sends it, typed; the fields a route adds beside it ({@code shadow},
   * {@code health}) are left out. An unknown field fails: the two sides drifted apart.
   */
  static ModelVersionBody body(JsonNode v) {
    com.fasterxml.jackson.databind.node.ObjectNode copy =
        (com.fasterxml.jackson.databind.node.ObjectNode) v.deepCopy();
    copy.remove(java.util.List.of("shadow", "health"));
    return typed(copy, ModelVersionBody.class);
  }

  /** One version in two lines. */
  static void version(PrintWriter out, ModelVersionBody v) {
    ModelVersionBody.Training t = v.training();
    ModelVersionBody.Validation val = v.validation();
    out.printf("#%d  series %d version %d  %s  %s%n", v.id(), v.seriesId(), v.version(),
        v.status(), v.spec());
    out.printf("  threshold %s (%s), %s %s, alert rate %s; trained on %d points %s .. %s"
        + " (%s, %d labels, data %s) by %s at %s%n", number(v.threshold()),
        v.thresholdMethod(), val.metric(), number(val.figure()), number(val.alertRate()),
        t.points(), t.from(), t.to(), t.source(), t.labels(), t.dataSha256().substring(0, 12),
        v.createdBy(), v.createdAt());
  }

  /** Every candidate of the version's training, the chosen one marked. */
  static void candidates(PrintWriter out, ModelVersionBody v) {
    JsonNode report = v.validation().report();
    if (report == null || !report.has("candidates")) {
      return;
    }
    int width = "CANDIDATE".length();
    for (JsonNode c : report.get("candidates")) {
      width = Math.max(width, c.get("spec").asText().length());
    }
    String row = "  %-2s %-" + width + "s  %-10s %-8s %-8s %-8s %-8s %s%n";
    out.printf(row, "", "CANDIDATE", "THRESHOLD", "ALERTS", "F1", "PREC", "RECALL",
        "INJECTED-F1");
    for (JsonNode c : report.get("candidates")) {
      String mark = c.get("chosen").asBoolean() ? "*" : c.get("champion").asBoolean() ? "c"
          : "";
      out.printf(row, mark, c.get("spec").asText(), number(c.get("threshold")),
          String.valueOf(c.get("validationAlerts").asInt()), number(c.get("f1")),
          number(c.get("precision")), number(c.get("recall")), number(c.get("injectedF1")));
    }
    out.println("  (* chosen, c the champion's spec; figures on the held-back "
        + report.get("candidates").get(0).get("validationPoints").asInt() + " points)");
  }

  static void shadow(PrintWriter out, JsonNode node) {
    ModelBodies.Shadow s = typed(node, ModelBodies.Shadow.class);
    out.printf("  shadow since point %d, %d labelled incident points%n", s.fromSeq(),
        s.incidentPoints());
    out.printf("  %-11s %-8s %-10s %-8s %-8s %-8s %s%n", "", "MODEL", "THRESHOLD", "POINTS",
        "ALERTS", "PREC", "RECALL / F1");
    for (var side : java.util.List.of(java.util.Map.entry("champion", s.champion()),
        java.util.Map.entry("challenger", s.challenger()))) {
      ModelBodies.Side x = side.getValue();
      out.printf("  %-11s %-8s %-10s %-8d %-8d %-8s %s / %s%n", side.getKey(),
          x.modelId() == null ? "config" : "#" + x.modelId(), number(x.threshold()),
          x.points(), x.alerts(), number(x.precision()), number(x.recall()), number(x.f1()));
    }
  }

  static void health(PrintWriter out, JsonNode node) {
    ModelBodies.Health h = typed(node, ModelBodies.Health.class);
    out.printf("  series %d model #%d: %s; alert rate %s (validation %s), drift %s,"
        + " silent %d s, trained %s%n", h.seriesId(), h.modelId(), h.status(),
        number(h.alertRate()), number(h.trainingAlertRate()), number(h.drift()),
        h.silentSeconds(), h.lastTraining());
  }

  /** An answer as its record; an unknown field fails: the two sides drifted apart. */
  static <T> T typed(JsonNode node, Class<T> type) {
    try {
      return ApiClient.JSON.treeToValue(node, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("the service sent an answer this client cannot read: "
          + e.getOriginalMessage(), e);
    }
  }
}
