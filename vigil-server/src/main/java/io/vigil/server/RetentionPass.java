package io.vigil.server;

import io.vigil.server.api.ServerMetrics;
import io.vigil.server.config.Retention;
import io.vigil.server.store.RetentionStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the retention settings over the store: each kind with a period loses what is
 * older than now minus that period. Run a minute after start, then hourly.
 */
public final class RetentionPass implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionPass.class);

  private final Retention retention;
  private final RetentionStore store;
  private final ServerMetrics metrics;
  private final LongSupplier clock;

  public RetentionPass(Retention retention, RetentionStore store, ServerMetrics metrics,
      LongSupplier clock) {
    this.retention = retention;
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void run() {
    runOnce();
  }

  /** Deletes what is due now; returns the rows deleted by kind. */
  public Map<String, Long> runOnce() {
    long now = clock.getAsLong();
    Map<String, Long> deleted = new LinkedHashMap<>();
    kind(deleted, "points", retention.points(), now, store::points);
    kind(deleted, "events", retention.events(), now, store::events);
    kind(deleted, "alerts", retention.alerts(), now, store::alerts);
    if (deleted.values().stream().anyMatch(n -> n > 0)) {
      LOG.info("retention deleted {}", deleted);
    }
    return deleted;
  }

  private void kind(Map<String, Long> deleted, String kind, Duration keep, long now,
      LongUnaryOperator delete) {
    if (keep == null) {
      return;
    }
    long n = delete.applyAsLong(now - keep.toMillis());
    deleted.put(kind, n);
    metrics.retentionDeleted(kind, n);
  }
}
