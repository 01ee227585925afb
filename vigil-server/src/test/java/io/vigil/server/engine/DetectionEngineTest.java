package io.vigil.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.StreamingDetectors;
import io.vigil.series.SeriesKey;
import io.vigil.server.store.StoreException;
import io.vigil.server.store.sql.SqlStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine when the store fails: the failed batch leaves no trace in the detectors; what
 * follows is assessed exactly as if it had never come.
 */
class DetectionEngineTest {
  private static final SeriesKey KEY = SeriesKey.of("cpu", Map.of("host", "a"));
  private static final long STEP = 60_000;

  @TempDir Path dir;
  private SqlStores stores;
  private PointStore store;
  private FailingPoints points;
  private DetectionEngine engine;
  private final Random random = new Random(3);
  private long next;

  /** The real store, with an append that can be made to fail. */
  private static final class FailingPoints implements PointStore {
    private final PointStore real;
    volatile boolean failNext;

    FailingPoints(PointStore real) {
      this.real = real;
    }

    @Override
    public void append(List<StoredPoint> p, List<StoredPoint> anomalies) {
      if (failNext) {
        failNext = false;
        throw new StoreException("disk full", null);
      }
      real.append(p, anomalies);
    }

    @Override
    public List<StoredPoint> points(long seriesId, long fromMs, long toMs, int limit) {
      return real.points(seriesId, fromMs, toMs, limit);
    }

    @Override
    public void scan(long seriesId, long afterSeq, long fromMs, long toMs,
        java.util.function.Consumer<StoredPoint> visitor) {
      real.scan(seriesId, afterSeq, fromMs, toMs, visitor);
    }

    @Override
    public long nextSeq(long seriesId) {
      return real.nextSeq(seriesId);
    }

    @Override
    public List<StoredPoint> anomalies(Long seriesId, long fromMs, long toMs,
        double minProbability, int limit) {
      return real.anomalies(seriesId, fromMs, toMs, minProbability, limit);
    }
  }

  @BeforeEach
  void open() {
    stores = SqlStores.open(dir);
    store = stores.points();
    points = new FailingPoints(store);
    engine = new DetectionEngine(stores.series(), points, stores.checkpoints(),
        stores.registry(io.vigil.model.ModelKey.of(new byte[32], dir.resolve("model.key")),
            false),
        System::currentTimeMillis, k -> "default", 0.999, 10_000, (k, p, t) -> { });
  }

  @AfterEach
  void close() {
    stores.close();
  }

  private List<IncomingPoint> batch(int n) {
    List<IncomingPoint> b = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      b.add(new IncomingPoint(KEY, next++ * STEP, 50 + 10 * random.nextGaussian()));
    }
    return b;
  }

  /** The probabilities a fresh detector gives {@code batches} in order, the last batch's. */
  private static double[] reference(List<List<IncomingPoint>> batches) {
    StreamingDetector d = StreamingDetectors.create("default");
    double[] last = null;
    for (List<IncomingPoint> b : batches) {
      last = new double[b.size()];
      for (int i = 0; i < b.size(); i++) {
        last[i] = d.process(b.get(i).timestampMs(), b.get(i).value()).probability();
      }
    }
    return last;
  }

  private double[] probabilities(List<IncomingPoint> b) {
    IngestResult r = engine.ingest(b);
    assertThat(r.accepted()).isEqualTo(b.size());
    List<StoredPoint> stored = store.pointsAfter(1, store.nextSeq(1) - b.size() - 1);
    return stored.stream().mapToDouble(p -> p.assessment().probability()).toArray();
  }

  @Test
  void aFailedBatch_leavesNoTraceInTheDetectors() {
    List<IncomingPoint> a = batch(500);
    engine.ingest(a);
    points.failNext = true;
    assertThatThrownBy(() -> engine.ingest(batch(200))).isInstanceOf(StoreException.class)
        .hasMessageContaining("disk full");
    List<IncomingPoint> c = batch(300);
    assertThat(probabilities(c)).containsExactly(reference(List.of(a, c)));
    assertThat(store.nextSeq(1)).isEqualTo(800);
  }
}
