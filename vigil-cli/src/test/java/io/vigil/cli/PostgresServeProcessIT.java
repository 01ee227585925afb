package io.vigil.cli;

import io.vigil.server.TestPostgres;
import java.util.List;

/**
 * {@code vigil serve --store postgresql://...} as a real process: killed with SIGKILL in the
 * middle of ingest, then restarted; stopped with SIGTERM (skipped, saying why, where
 * PostgreSQL is not installed).
 */
class PostgresServeProcessIT extends ServeProcessIT {
  private final TestPostgres.PerTest database = new TestPostgres.PerTest();

  @Override
  List<String> storeArguments() {
    return List.of("--store", database.url());
  }
}
