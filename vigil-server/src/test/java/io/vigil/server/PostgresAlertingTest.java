package io.vigil.server;

import io.vigil.server.store.StoreLocation;

/** Alerting, with the data kept in PostgreSQL (skipped, saying why, where it is not installed). */
class PostgresAlertingTest extends AlertingTest {
  private StoreLocation location;

  @Override
  StoreLocation store() {
    if (location == null) {
      location = TestPostgres.freshDatabase(); // one database per test, kept across restarts
    }
    return location;
  }
}
