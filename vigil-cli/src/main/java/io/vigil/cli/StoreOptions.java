package io.vigil.cli;

import io.vigil.server.store.StoreLocation;
import io.vigil.server.store.sql.SqlStores;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a command finds the service's data, as {@code vigil serve} is told: {@code --data-dir}
 * for the embedded store, {@code --store} for PostgreSQL (password in the URL or in
 * {@code $VIGIL_STORE_PASSWORD}).
 */
final class StoreOptions {
  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "vigil-data",
      description = "The service's data directory. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--store", paramLabel = "URL",
      description = "The service's store when not the embedded one: a PostgreSQL URL,"
          + " postgresql://user@host:5432/database.")
  String store;

  StoreLocation location() {
    return store == null ? StoreLocation.EMBEDDED
        : StoreLocation.parse(store, System.getenv("VIGIL_STORE_PASSWORD"));
  }

  /** The store, created if new. */
  SqlStores open() {
    return SqlStores.open(location(), dataDir, 0);
  }

  /** The store, which must exist: a mistyped data directory is named, not created. */
  SqlStores existing() {
    StoreLocation location = location();
    if (location.embedded() && !Files.isRegularFile(dataDir.resolve(SqlStores.SQLITE_FILE))) {
      throw new IllegalArgumentException(dataDir + ": no Vigil data directory (no "
          + SqlStores.SQLITE_FILE + " in it)");
    }
    return SqlStores.open(location, dataDir, 0);
  }
}
