package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.store.sql.SqlStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model versions in the registry carry the server key's signature: one whose threshold was
 * raised in the database behind Vigil's back is refused by name, and a tampered champion stops
 * judging its series.
 */
class ModelSignatureTest {
  private static final long START = 1_700_000_000_000L;
  @TempDir Path dir;

  private static String batch(int from, int n, long seed) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"series\":\"cpu\",\"timestamp\":")
          .append(START + (from + i) * 60_000L).append(",\"value\":")
          .append(50 + 5 * r.nextGaussian()).append('}');
    }
    return b.append(']').toString();
  }

  /** The series as the API lists it. */
  private static JsonNode cpu(HttpClientSupport http) {
    JsonNode all = http.get("/api/v1/series").json().get("series");
    assertThat(all).hasSize(1);
    assertThat(all.get(0).get("series").asText()).isEqualTo("cpu");
    return all.get(0);
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
        + dir.resolve("data").resolve(SqlStores.SQLITE_FILE)); Statement s = c.createStatement()) {
      assertThat(s.executeUpdate(statement)).isEqualTo(1);
    }
  }

  @Test
  void aVersionChangedInTheDatabase_isRefusedByName_andATamperedChampionStopsJudging()
      throws Exception {
    ServerConfig config = ServerConfig.defaults().withAddress("127.0.0.1", 0)
        .withDataDir(dir.resolve("data"));
    final long champion;
    final long candidate;
    final long spare;
    try (VigilServer server = VigilServer.start(io.vigil.server.config.VigilConfig.of(config))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.post("/api/v1/points", batch(0, 500, 1)).status()).isEqualTo(200);
      long[] ids = new long[3];
      String[] specs = {"robust-ewma", "default", "seasonal"};
      for (int i = 0; i < 3; i++) {
        JsonNode versions = http.post("/api/v1/models/train?wait=true", "{\"series\": 1,"
            + " \"candidates\": [\"" + specs[i] + "\"]}").json().get("versions");
        ids[i] = versions.get(0).get("id").asLong();
      }
      champion = ids[0];
      candidate = ids[1];
      spare = ids[2];
      assertThat(http.post("/api/v1/models/" + champion + "/promote", "").status())
          .isEqualTo(200);
      assertThat(cpu(http).get("model").get("id").asLong()).isEqualTo(champion);
    }
    assertThat(Files.getPosixFilePermissions(dir.resolve("data").resolve("model.key")))
        .hasSize(2);
    // Someone with the database raises thresholds so that nothing would alert.
    sql("UPDATE model_versions SET threshold = 1.0 WHERE id = " + champion);
    sql("UPDATE model_versions SET threshold = 1.0 WHERE id = " + candidate);

    try (VigilServer server = VigilServer.start(io.vigil.server.config.VigilConfig.of(config))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      // The tampered champion no longer judges the series.
      assertThat(cpu(http).has("model")).isFalse();
      assertThat(http.post("/api/v1/points", batch(500, 10, 2)).status()).isEqualTo(200);
      assertThat(cpu(http).has("model")).isFalse();

      var refused = http.post("/api/v1/models/" + candidate + "/promote", "");
      assertThat(refused.status()).as(refused.body()).isEqualTo(409);
      assertThat(refused.json().get("error").asText()).contains("model version 2 of series 1",
          "is refused: its content does not match its signature", "changed outside Vigil");

      // An untouched version still promotes, and judges the series.
      assertThat(http.post("/api/v1/models/" + spare + "/promote", "").status())
          .isEqualTo(200);
      assertThat(cpu(http).get("model").get("id").asLong())
          .isEqualTo(spare);
    }

    // Removing a signature does not make a version trusted again: with the key in place,
    // nothing unsigned is adopted.
    sql("UPDATE model_versions SET signature = NULL WHERE id = " + candidate);
    try (VigilServer server = VigilServer.start(io.vigil.server.config.VigilConfig.of(config))) {
      var refused = new HttpClientSupport(server.port()).post("/api/v1/models/" + candidate
          + "/promote", "");
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.json().get("error").asText()).contains("is refused: it is not signed");
    }
  }

  @Test
  void aStoreFromBeforeSignatures_hasItsVersionsSignedWhenItsKeyIsMade() throws Exception {
    ServerConfig config = ServerConfig.defaults().withAddress("127.0.0.1", 0)
        .withDataDir(dir.resolve("data"));
    long id;
    try (VigilServer server = VigilServer.start(io.vigil.server.config.VigilConfig.of(config))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.post("/api/v1/points", batch(0, 500, 1)).status()).isEqualTo(200);
      id = http.post("/api/v1/models/train?wait=true", "{\"series\": 1, \"candidates\":"
          + " [\"robust-ewma\"]}").json().get("versions").get(0).get("id").asLong();
    }
    // As an older Vigil left it: no signatures, no key.
    sql("UPDATE model_versions SET signature = NULL WHERE id = " + id);
    Files.delete(dir.resolve("data").resolve("model.key"));
    try (VigilServer server = VigilServer.start(io.vigil.server.config.VigilConfig.of(config))) {
      assertThat(new HttpClientSupport(server.port()).post("/api/v1/models/" + id
          + "/promote", "").status()).isEqualTo(200);
    }
  }
}
