package io.vigil.server.engine;

import io.vigil.series.SeriesKey;
import java.util.Set;

/**
 * A batch refused whole because it would create more series than the limit
 * ({@code server.maxSeries}); nothing of it was stored, no series created.
 */
public final class SeriesLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SeriesLimitException(long limit, long existing, Set<SeriesKey> fresh) {
    super("the batch was refused, nothing of it was stored: it has " + fresh.size()
        + " new series (" + fresh.iterator().next() + (fresh.size() > 1 ? ", ..." : "")
        + ") and " + existing + " of at most " + limit + " series exist (server.maxSeries):"
        + " raise the limit, or leave series out at the sender (Prometheus:"
        + " write_relabel_configs)");
  }
}
