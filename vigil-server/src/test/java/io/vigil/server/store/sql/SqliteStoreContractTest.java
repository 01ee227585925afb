package io.vigil.server.store.sql;

import io.vigil.server.store.StoreLocation;

/** The store contract on the embedded SQLite file. */
class SqliteStoreContractTest extends StoreContract {
  @Override
  StoreLocation freshLocation() {
    return StoreLocation.EMBEDDED; // in the test's own temporary directory
  }
}
