package io.vigil.flink;

import io.vigil.detect.DetectorState;
import io.vigil.model.ModelKey;
import io.vigil.server.engine.SeriesInfo;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.registry.ModelVersion;
import io.vigil.server.registry.TamperedModelException;
import io.vigil.server.store.StoreLocation;
import io.vigil.server.store.sql.SqlStores;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The champions of the service's model registry, as the job sees them: read from the
 * service's PostgreSQL store (its schema checked, never changed) at most every refresh
 * interval, each version's state fetched once, its signature checked with the service's
 * model key (a version whose signature fails is left out, and said in the log). Each parallel
 * task holds its own connection. While the registry cannot be read, the champions last read
 * stay and detection goes on.
 */
public final class RegistryChampions implements Serializable, AutoCloseable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RegistryChampions.class);

  /** A series' champion: its version, spec and trained state. */
  public record Champion(long versionId, String spec, DetectorState state) {}

  private final String storeUrl;
  private final String modelKeyFile;
  private final long refreshMs;
  private transient SqlStores stores;
  private transient ModelRegistry registry;
  private transient Map<String, Champion> bySeries;
  private transient long readAtMs;

  /**
   * Champions of the store at {@code storeUrl} (as {@code vigil serve --store} takes it), the
   * registry's signatures checked with the key in {@code modelKeyFile}, read again every
   * {@code refreshMs}.
   */
  public RegistryChampions(String storeUrl, String modelKeyFile, long refreshMs) {
    StoreLocation location = StoreLocation.parse(storeUrl,
        System.getenv("VIGIL_STORE_PASSWORD"));
    if (location.embedded()) {
      throw new IllegalArgumentException("--registry must be the service's PostgreSQL store,"
          + " not the embedded one");
    }
    if (refreshMs < 1000) {
      throw new IllegalArgumentException("the registry is read at most once a second, not"
          + " every " + refreshMs + " ms");
    }
    this.storeUrl = storeUrl;
    this.modelKeyFile = modelKeyFile;
    this.refreshMs = refreshMs;
  }

  /** The champion of {@code series} (its canonical text) at {@code nowMs}, if it has one. */
  public Optional<Champion> of(String series, long nowMs) {
    if (bySeries == null || nowMs - readAtMs >= refreshMs) {
      readAtMs = nowMs;
      try {
        refresh();
      } catch (RuntimeException e) {
        // The registry being unreachable must not stop detection: the champions known stay,
        // and the next interval tries again.
        LOG.warn("cannot read the model registry, trying again in {} ms: {}", refreshMs,
            e.getMessage());
        close();
        if (bySeries == null) {
          bySeries = Map.of();
        }
      }
    }
    return Optional.ofNullable(bySeries.get(series));
  }

  private void refresh() {
    if (stores == null) {
      try {
        stores = SqlStores.openExisting(StoreLocation.parse(storeUrl,
            System.getenv("VIGIL_STORE_PASSWORD")));
        registry = stores.registry(ModelKey.read(Path.of(modelKeyFile)), false);
      } catch (IOException e) {
        throw new IllegalStateException(modelKeyFile + ": cannot read the model key: "
            + e.getMessage(), e);
      }
    }
    Map<String, Champion> fresh = new HashMap<>();
    for (ModelVersion v : registry.champions()) {
      Optional<String> series = stores.series().series(v.seriesId())
          .map(SeriesInfo::key).map(Object::toString);
      if (series.isEmpty()) {
        continue;
      }
      Champion known = bySeries == null ? null : bySeries.get(series.get());
      if (known != null && known.versionId() == v.id()) {
        fresh.put(series.get(), known);
        continue;
      }
      try {
        fresh.put(series.get(), new Champion(v.id(), v.spec().text(),
            registry.state(v.id())));
      } catch (TamperedModelException e) {
        LOG.error("model version {} of {} is not used: {}", v.id(), series.get(),
            e.getMessage());
      }
    }
    bySeries = fresh;
  }

  @Override
  public void close() {
    if (stores != null) {
      stores.close();
      stores = null;
    }
  }
}
