package io.vigil.server.store.sql;

import io.vigil.server.TestPostgres;
import io.vigil.server.store.StoreLocation;

/** The store contract on PostgreSQL (skipped, saying why, where it is not installed). */
class PostgresStoreContractTest extends StoreContract {
  @Override
  StoreLocation freshLocation() {
    return TestPostgres.freshDatabase();
  }
}
