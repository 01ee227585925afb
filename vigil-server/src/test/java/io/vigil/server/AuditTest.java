package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.security.ApiTokens;
import io.vigil.server.security.Role;
import io.vigil.server.store.sql.SqlStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log through the real server: what it records, and that tampering shows. */
class AuditTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir Path dir;

  private static HttpResponse<String> call(int port, String method, String path, String token,
      String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
        + dir.resolve(SqlStores.SQLITE_FILE)); Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  private JsonNode audit(String admin) throws Exception {
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir))) {
      return new ObjectMapper().readTree(call(server.port(), "GET", "/api/v1/audit", admin, "")
          .body());
    }
  }

  @Test
  void changesAndRefusalsAreRecorded_andAnEditOrADeletionBreaksTheChain() throws Exception {
    String silence = "{\"matchers\":{\"host\":\"db.*\"},\"duration\":\"1h\"}";
    String points = "[{\"series\":\"cpu\",\"timestamp\":1700000000000,\"value\":1}]";
    String admin;
    String viewer;
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir))) {
      int port = server.port();
      // Open (no token yet): the change is recorded as anonymous; points are not audited.
      assertThat(call(port, "POST", "/api/v1/silences", null, silence).statusCode())
          .isEqualTo(201);
      assertThat(call(port, "POST", "/api/v1/points", null, points).statusCode())
          .isEqualTo(200);
    }
    try (SqlStores s = SqlStores.open(dir)) {
      ApiTokens t = new ApiTokens(s.tokens(), System::currentTimeMillis);
      admin = t.create("alice", Role.ADMIN);
      viewer = t.create("bob", Role.VIEWER);
    }
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir))) {
      int port = server.port();
      assertThat(call(port, "POST", "/api/v1/silences", viewer, silence).statusCode())
          .isEqualTo(403);
      assertThat(call(port, "GET", "/api/v1/series", null, "").statusCode()).isEqualTo(401);
      assertThat(call(port, "POST", "/api/v1/silences", admin, silence).statusCode())
          .isEqualTo(201);
      assertThat(call(port, "GET", "/api/v1/audit", viewer, "").statusCode()).isEqualTo(403);
    }
    JsonNode log = audit(admin);
    assertThat(log.get("chainIntact").asBoolean()).isTrue();
    JsonNode e = log.get("entries");
    assertThat(e).hasSize(5);
    assertThat(e.get(0).get("who").asText()).isEqualTo("anonymous");
    assertThat(e.get(0).get("target").asText()).isEqualTo("/api/v1/silences");
    assertThat(e.get(0).get("status").asInt()).isEqualTo(201);
    assertThat(e.get(1).get("who").asText()).isEqualTo("bob");
    assertThat(e.get(1).get("status").asInt()).isEqualTo(403);
    assertThat(e.get(2).get("who").asText()).isEqualTo("unauthenticated");
    assertThat(e.get(2).get("method").asText()).isEqualTo("GET");
    assertThat(e.get(3).get("who").asText()).isEqualTo("alice");
    assertThat(e.get(3).get("role").asText()).isEqualTo("admin");
    assertThat(e.get(4).get("target").asText()).isEqualTo("/api/v1/audit");
    assertThat(e.get(0).get("from").asText()).isEqualTo("127.0.0.1");

    sql("DELETE FROM audit_log WHERE id = 3");
    JsonNode afterDeletion = audit(admin);
    assertThat(afterDeletion.get("chainIntact").asBoolean()).isFalse();
    assertThat(afterDeletion.get("firstBrokenId").asLong()).isEqualTo(4);

    sql("UPDATE audit_log SET who = 'mallory' WHERE id = 1");
    assertThat(audit(admin).get("firstBrokenId").asLong()).isEqualTo(1);
  }
}
