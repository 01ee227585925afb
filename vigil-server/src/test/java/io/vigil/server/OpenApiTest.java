package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The OpenAPI document lists every route the server registers, and only those. */
class OpenApiTest {
  private static final Pattern ROUTE =
      Pattern.compile("c\\.routes\\.(get|post|delete)\\(\"([^\"]+)\"");

  @Test
  void everyRouteIsDocumented() throws IOException {
    List<String> routes = new ArrayList<>();
    List<Path> apis;
    try (var files = Files.list(Path.of("src/main/java/io/vigil/server/api"))) {
      apis = files.filter(f -> f.getFileName().toString().endsWith("Api.java")).toList();
    }
    assertThat(apis).hasSizeGreaterThanOrEqualTo(4);
    for (Path file : apis) {
      String src = Files.readString(file);
      Matcher m = ROUTE.matcher(src);
      while (m.find()) {
        routes.add(m.group(1) + " " + m.group(2));
      }
    }
    JsonNode paths = HttpClientSupport.JSON.readTree(
        Path.of("src/main/resources/openapi.json").toFile()).get("paths");
    List<String> documented = new ArrayList<>();
    paths.properties().forEach(p -> p.getValue().properties().forEach(
        op -> documented.add(op.getKey() + " " + p.getKey())));
    assertThat(documented).containsExactlyInAnyOrderElementsOf(routes);
  }

  /**
   * The typed bodies and the document agree field by field, nested records included: a field
   * renamed in one and not the other fails here.
   */
  @Test
  void typedBodiesMatchTheirSchemas() throws IOException {
    JsonNode doc = HttpClientSupport.JSON.readTree(
        Path.of("src/main/resources/openapi.json").toFile());
    Object[][] bodies = {
        {io.vigil.server.api.ReportBody.class, "/api/v1/report"},
        {io.vigil.server.api.SwimlaneBody.class, "/api/v1/swimlane"},
        {io.vigil.server.api.ChartBody.class, "/api/v1/series/{id}/chart"},
        {io.vigil.server.api.ModelVersionBody.class, "#/components/schemas/ModelVersion"},
        {io.vigil.server.api.AlertBody.class, "/api/v1/alerts/{id}"},
        {io.vigil.server.api.AlertBody.Silence.class, "#/components/schemas/Silence"},
        {io.vigil.server.api.PointBody.class, "#/components/schemas/Point"},
        {io.vigil.server.api.SeriesBody.class, "#/components/schemas/Series"},
        {io.vigil.server.api.AnomalyBody.class, "#/components/schemas/Anomaly"},
        {io.vigil.server.api.AnomalyBody.Ingested.class, "#/components/schemas/IngestResult"},
        {io.vigil.server.api.ModelBodies.Job.class, "#/components/schemas/TrainingJob"},
        {io.vigil.server.api.ModelBodies.Label.class, "#/components/schemas/Label"},
        {io.vigil.server.api.ModelBodies.Health.class, "#/components/schemas/ModelHealth"},
        {io.vigil.server.api.ModelBodies.Shadow.class, "#/components/schemas/ShadowComparison"},
        {io.vigil.server.api.HostBodies.Hosts.class, "/api/v1/hosts"},
        {io.vigil.server.api.HostBodies.Rows.class, "/api/v1/hosts/{rule}/{host}/rows"},
        {io.vigil.server.api.AuditBody.class, "/api/v1/audit"},
        {io.vigil.server.api.ForecastBodies.SeriesForecast.class,
            "/api/v1/series/{id}/forecast"},
        {io.vigil.server.api.ForecastBodies.Predictions.class, "/api/v1/predictions"},
        {io.vigil.server.api.NowBody.class, "/api/v1/now"},
        {io.vigil.server.api.ModelBodies.Previews.class, "/api/v1/series/{id}/threshold"},
        {io.vigil.server.api.ModelBodies.Retune.class, "post /api/v1/series/{id}/retune"},
        {io.vigil.server.api.ModelBodies.Diff.class, "/api/v1/models/{id}/diff/{other}"},
        {io.vigil.server.api.ModelBodies.SeriesModels.class, "/api/v1/series/{id}/models"},
        {io.vigil.behaviour.BehaviourAnalysis.Summary.class,
            "#/components/schemas/BehaviourReport"}};
    for (Object[] b : bodies) {
      String at = (String) b[1];
      String method = at.startsWith("post ") ? "post" : "get";
      String path = at.replaceFirst("^post ", "");
      JsonNode schema = at.startsWith("#") ? HttpClientSupport.JSON.createObjectNode()
          .put("$ref", at) : doc.get("paths").get(path).get(method).get("responses")
          .get("200").get("content").get("application/json").get("schema");
      matches((Class<?>) b[0], schema, doc, at);
    }
  }

  private static JsonNode resolve(JsonNode schema, JsonNode doc) {
    if (schema.has("$ref")) {
      JsonNode target = doc;
      for (String part : schema.get("$ref").asText().substring(2).split("/")) {
        target = target.get(part);
      }
      return target;
    }
    if (schema.has("oneOf")) {
      // A value or null: the value's schema.
      for (JsonNode branch : schema.get("oneOf")) {
        if (!"null".equals(branch.path("type").asText())) {
          return resolve(branch, doc);
        }
      }
    }
    if (schema.has("allOf")) {
      // The parts' properties together, as a reader of the document sees them.
      var merged = HttpClientSupport.JSON.createObjectNode();
      var properties = merged.putObject("properties");
      for (JsonNode part : schema.get("allOf")) {
        properties.setAll((com.fasterxml.jackson.databind.node.ObjectNode)
            resolve(part, doc).get("properties"));
      }
      return merged;
    }
    return schema;
  }

  private static void matches(Class<?> type, JsonNode schema, JsonNode doc, String at) {
    schema = resolve(schema, doc);
    if (!type.isRecord()) {
      return;
    }
    List<java.lang.reflect.RecordComponent> components = fields(type);
    List<String> fields = new ArrayList<>();
    for (var c : components) {
      fields.add(c.getName());
    }
    List<String> documented = new ArrayList<>();
    schema.get("properties").fieldNames().forEachRemaining(documented::add);
    assertThat(documented).as(at).containsExactlyInAnyOrderElementsOf(fields);
    for (var c : components) {
      JsonNode property = schema.get("properties").get(c.getName());
      if (c.getType().isRecord()) {
        matches(c.getType(), property, doc, at + "." + c.getName());
      } else if (List.class.isAssignableFrom(c.getType())
          && c.getGenericType() instanceof java.lang.reflect.ParameterizedType list
          && list.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
        matches(item, property.get("items"), doc, at + "." + c.getName() + "[]");
      }
    }
  }

  /** A record's fields as they travel: an unwrapped record's fields take its place. */
  private static List<java.lang.reflect.RecordComponent> fields(Class<?> type) {
    List<java.lang.reflect.RecordComponent> out = new ArrayList<>();
    for (var c : type.getRecordComponents()) {
      if (c.getAccessor().isAnnotationPresent(
          com.fasterxml.jackson.annotation.JsonUnwrapped.class)) {
        out.addAll(fields(c.getType()));
      } else {
        out.add(c);
      }
    }
    return out;
  }
}
