package io.vigil.server;

import io.vigil.server.store.StoreLocation;

/** The model lifecycle, with the data kept in PostgreSQL (skipped, saying why, where it is not installed). */
class PostgresModelLifecycleTest extends ModelLifecycleTest {
  private final TestPostgres.PerTest database = new TestPostgres.PerTest();

  @Override
  StoreLocation store() {
    return database.location();
  }
}
