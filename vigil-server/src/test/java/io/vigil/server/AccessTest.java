package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.security.ApiTokens;
import io.vigil.server.security.Role;
import io.vigil.server.store.sql.SqlStores;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens and roles through the real server: who may call what. */
class AccessTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir Path dir;

  private static int call(int port, String method, String path, String authorization)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET")
            || method.equals("DELETE") ? "" : "{}"));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private Map<Role, String> tokens() {
    Map<Role, String> out = new EnumMap<>(Role.class);
    try (SqlStores s = SqlStores.open(dir)) {
      ApiTokens t = new ApiTokens(s.tokens(), System::currentTimeMillis);
      for (Role r : Role.values()) {
        out.put(r, t.create(r.label() + "-1", r));
      }
      t.create("gone", Role.ADMIN);
      assertThat(t.revoke("gone")).isTrue();
      assertThat(t.list()).hasSize(5);
    }
    return out;
  }

  @Test
  void everyRoleReachesWhatItMay_andNoMore() throws Exception {
    Map<Role, String> tokens = tokens();
    // Written here rather than derived from the code that enforces it.
    Object[][] routes = {
        {"GET", "/api/v1/series", Role.VIEWER},
        {"GET", "/metrics", Role.VIEWER},
        {"GET", "/api/v1/alerts", Role.VIEWER},
        {"POST", "/api/v1/points", Role.WRITER},
        {"POST", "/api/v1/events", Role.WRITER},
        {"POST", "/api/v1/silences", Role.OPERATOR},
        {"DELETE", "/api/v1/silences/1", Role.OPERATOR},
        {"POST", "/api/v1/feedback", Role.OPERATOR},
        {"POST", "/api/v1/models/train", Role.ADMIN},
        {"POST", "/api/v1/models/1/promote", Role.ADMIN},
        {"POST", "/api/v1/series/1/rollback", Role.ADMIN},
        {"POST", "/api/v1/series/1/retune", Role.ADMIN},
        {"DELETE", "/api/v1/events?entity=user&value=x", Role.ADMIN}};
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir))) {
      int port = server.port();
      for (Object[] route : routes) {
        String method = (String) route[0];
        String path = (String) route[1];
        Role needed = (Role) route[2];
        assertThat(call(port, method, path, null)).as("%s %s without a token", method, path)
            .isEqualTo(401);
        assertThat(call(port, method, path, "Bearer vgl_1_forged")).as("forged")
            .isEqualTo(401);
        for (Role r : Role.values()) {
          int status = call(port, method, path, "Bearer " + tokens.get(r));
          if (r.covers(needed)) {
            assertThat(status).as("%s %s as %s", method, path, r).isNotIn(401, 403);
          } else {
            assertThat(status).as("%s %s as %s", method, path, r).isEqualTo(403);
          }
        }
      }
      assertThat(call(port, "GET", "/healthz", null)).isEqualTo(200);
      // A promotion records the token, not the name the client claims.
      String admin = "Bearer " + tokens.get(Role.ADMIN);
      StringBuilder points = new StringBuilder("[");
      for (int i = 0; i < 300; i++) {
        points.append(i == 0 ? "" : ",").append("{\"series\":\"cpu\",\"timestamp\":")
            .append(1_700_000_000_000L + i * 60_000L).append(",\"value\":")
            .append(50 + i % 7).append('}');
      }
      HttpResponse<String> posted = CLIENT.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + port + "/api/v1/points")).header("Content-Type",
          "application/json").header("Authorization", admin).POST(HttpRequest.BodyPublishers
          .ofString(points.append(']').toString())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
      HttpResponse<String> trained = CLIENT.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + port + "/api/v1/models/train?wait=true")).header("Content-Type",
          "application/json").header("Authorization", admin).POST(HttpRequest.BodyPublishers
          .ofString("{\"series\": 1, \"candidates\": [\"robust-ewma\"], \"by\": \"root\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(trained.body()).contains("token:admin-1").doesNotContain("\"root\"");
      // Prometheus' basic_auth: the token as the password.
      String basic = "Basic " + Base64.getEncoder().encodeToString(("prometheus:"
          + tokens.get(Role.WRITER)).getBytes(StandardCharsets.UTF_8));
      assertThat(call(port, "GET", "/api/v1/series", basic)).isEqualTo(200);

      // Every documented route refuses a request without a token, but the open ones.
      JsonNode api;
      try (InputStream in = VigilServer.class.getResourceAsStream("/openapi.json")) {
        api = new ObjectMapper().readTree(in);
      }
      List<String> open = new ArrayList<>();
      for (Map.Entry<String, JsonNode> p : api.get("paths").properties()) {
        String path = p.getKey().replaceAll("\\{[^}]+}", "1");
        for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext();) {
          String method = m.next().toUpperCase(java.util.Locale.ROOT);
          int status = call(port, method, path, null);
          if (status != 401) {
            open.add(method + " " + path);
          }
        }
      }
      assertThat(open).containsExactlyInAnyOrder("GET /healthz", "GET /readyz",
          "GET /openapi.json");
    }
  }

  @Test
  void anAddressThatKeepsGuessingTokens_isTurnedAwayForAMinute() throws Exception {
    Map<Role, String> tokens = tokens();
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir))) {
      int port = server.port();
      String admin = tokens.get(Role.ADMIN);
      String guess = admin.substring(0, admin.length() - 4) + "AAAA"; // a real id, a wrong secret
      for (int i = 0; i < io.vigil.server.security.FailedLogins.LIMIT; i++) {
        assertThat(call(port, "GET", "/api/v1/series", "Bearer " + guess)).isEqualTo(401);
      }
      // Asking without a token is not guessing, and is still told to authenticate.
      assertThat(call(port, "GET", "/api/v1/series", null)).isEqualTo(401);
      assertThat(call(port, "GET", "/api/v1/series", "Bearer " + guess)).isEqualTo(429);
      // The address waits out its minute, whatever it sends.
      assertThat(call(port, "GET", "/api/v1/series", "Bearer " + admin)).isEqualTo(429);
    }
  }

  @Test
  void anAddressOthersCanReach_isRefusedWithoutATokenAtStart() {
    assertThatThrownBy(() -> VigilServer.start(ServerConfig.defaults()
        .withAddress("0.0.0.0", 0).withDataDir(dir)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without authentication")
        .hasMessageContaining("vigil token create");
  }

  @Test
  void everyRouteStatesInTheApiDescriptionTheRoleItIsHeldTo() throws Exception {
    JsonNode api;
    try (InputStream in = VigilServer.class.getResourceAsStream("/openapi.json")) {
      api = new ObjectMapper().readTree(in);
    }
    assertThat(api.at("/components/securitySchemes/token/scheme").asText()).isEqualTo("bearer");
    int routes = 0;
    for (Map.Entry<String, JsonNode> p : api.get("paths").properties()) {
      String path = p.getKey().replaceAll("\\{[^}]+}", "1");
      for (Map.Entry<String, JsonNode> op : p.getValue().properties()) {
        String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
        String enforced = io.vigil.server.security.RouteRoles.required(method, path)
            .map(Role::label).orElse("none");
        assertThat(op.getValue().get("x-vigil-role").asText()).as("%s %s", method, path)
            .isEqualTo(enforced);
        routes++;
      }
    }
    assertThat(routes).isGreaterThan(30);
  }
}
