package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.store.StoreLocation;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The service through its HTTP API, with the data kept in PostgreSQL (skipped, saying why,
 * where it is not installed): every test of {@link VigilServerTest}, and where the data goes.
 */
class PostgresVigilServerTest extends VigilServerTest {
  private final TestPostgres.PerTest database = new TestPostgres.PerTest();

  @Override
  StoreLocation store() {
    return database.location();
  }

  @Test
  void theDataLivesInPostgres_notInTheDataDirectory() throws Exception {
    start();
    assertThat(http.post("/api/v1/points", batch("load", "a", 0, latency(50, 1))).status())
        .isEqualTo(200);
    server.stop();
    server = null;
    try (Connection c = DriverManager.getConnection(store().jdbcUrl(), store().user(),
        store().password()); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT (SELECT COUNT(*) FROM series),"
            + " (SELECT COUNT(*) FROM point_chunks), (SELECT COUNT(*) FROM checkpoints)")) {
      r.next();
      assertThat(r.getLong(1)).isEqualTo(1);
      assertThat(r.getLong(2)).isPositive();
      assertThat(r.getLong(3)).isEqualTo(1); // a clean stop checkpoints the series
    }
    assertThat(Files.exists(dir.resolve("vigil.db"))).isFalse();
  }
}
