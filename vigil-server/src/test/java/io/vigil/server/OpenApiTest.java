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
}
