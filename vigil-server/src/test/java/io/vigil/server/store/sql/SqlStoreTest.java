package io.vigil.server.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.Assessment;
import io.vigil.detect.Direction;
import io.vigil.series.SeriesKey;
import io.vigil.server.engine.StoredPoint;
import io.vigil.server.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store: logged batches, filing, and the WAL kept in check. */
class SqlStoreTest {
  @TempDir Path dir;

  private static List<StoredPoint> batch(long series, long firstSeq, int n) {
    List<StoredPoint> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new StoredPoint(series, firstSeq + i, 1000L * (firstSeq + i), i,
          new Assessment(Assessment.Status.SCORED, i, 0.5, Double.NaN, 0, 2, Direction.DIP)));
    }
    return out;
  }

  @Test
  void loggedBatches_areFiledInTheBackground_andReadersSeeThemAtOnce() throws Exception {
    try (SqlStore store = SqlStore.open(dir)) {
      SqlPointStore points = new SqlPointStore(store);
      SqlSeriesStore series = new SqlSeriesStore(store);
      long a = series.findOrCreate(SeriesKey.of("a", Map.of()), "default").id();
      long b = series.findOrCreate(SeriesKey.of("b", Map.of("x", "1")), "rarity").id();
      for (int k = 0; k < 100; k++) {
        points.append(batch(a, k * 50L, 50), batch(a, k * 50L, 1));
        points.append(batch(b, k * 50L, 50), List.of());
      }
      assertThat(points.nextSeq(a)).isEqualTo(5000); // a reader files what is pending
      for (int k = 100; k < 200; k++) {
        points.append(batch(b, k * 50L, 50), List.of());
      }
      points.applyInSteps();
      assertThat(Files.size(dir.resolve(SqlStore.FILE + "-wal"))).isLessThan(64L << 20);
      List<StoredPoint> read = points.points(b, 0, Long.MAX_VALUE, 100_000);
      assertThat(read).hasSize(10_000);
      assertThat(read.get(9_999).seq()).isEqualTo(9_999);
      assertThat(read.get(3).assessment().expected()).isNaN();
      assertThat(read.get(3).assessment().direction()).isEqualTo(Direction.DIP);
      assertThat(points.anomalies(a, 0, Long.MAX_VALUE, 0, 1000)).hasSize(100);
      assertThat(series.series(b).orElseThrow().detector())
          .isEqualTo("rarity");
    }
    try (SqlStore again = SqlStore.open(dir)) {
      assertThat(new SqlSeriesStore(again).listSeries()).hasSize(2);
      assertThat(new SqlPointStore(again).nextSeq(2)).isEqualTo(10_000);
    }
  }

  @Test
  void aScanPagesThroughChunks_fromInsideOne_withinItsTimeRange() {
    try (SqlStore store = SqlStore.open(dir)) {
      SqlPointStore points = new SqlPointStore(store);
      SqlSeriesStore series = new SqlSeriesStore(store);
      long a = series.findOrCreate(SeriesKey.of("a", Map.of()), "default").id();
      for (int k = 0; k < 200; k++) { // 200 chunks of 10: pages of 64 chunks
        points.append(batch(a, k * 10L, 10), List.of());
      }
      List<Long> seqs = new ArrayList<>();
      points.scan(a, 1234, Long.MIN_VALUE, Long.MAX_VALUE, p -> seqs.add(p.seq()));
      assertThat(seqs).hasSize(1999 - 1234).startsWith(1235L).endsWith(1999L);
      assertThat(seqs).isSorted().doesNotHaveDuplicates();
      seqs.clear();
      // Timestamps are 1000 × seq: seconds 500 to 1500 inclusive, after point 600.
      points.scan(a, 600, 500_000, 1_500_000, p -> seqs.add(p.seq()));
      assertThat(seqs).hasSize(900).startsWith(601L).endsWith(1500L);
      seqs.clear();
      points.scan(a, 1999, Long.MIN_VALUE, Long.MAX_VALUE, p -> seqs.add(p.seq()));
      points.scan(a + 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, p -> seqs.add(p.seq()));
      assertThat(seqs).isEmpty();
    }
  }

  @Test
  void pointsStoredBeforeChunks_areMigratedIntoThem() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve(SqlStore.FILE);
    org.flywaydb.core.Flyway.configure().dataSource(url, null, null).target("3").load()
        .migrate();
    try (var c = java.sql.DriverManager.getConnection(url);
        var s = c.createStatement()) {
      s.execute("INSERT INTO series VALUES (1, 'cpu', 'cpu', '{}', 'default', 0)");
      for (int i = 0; i < 2500; i++) {
        s.execute("INSERT INTO points VALUES (1, " + i + ", " + (i * 1000) + ", " + i
            + ", 'SCORED', 1.5, 0.25, NULL, 0, 9, 'SPIKE')");
      }
    }
    try (SqlStore store = SqlStore.open(dir)) {
      SqlPointStore points = new SqlPointStore(store);
      List<StoredPoint> all = points.pointsAfter(1, -1);
      assertThat(all).hasSize(2500);
      assertThat(all.get(2499).value()).isEqualTo(2499);
      assertThat(all.get(7).assessment().expected()).isNaN();
      assertThat(all.get(7).assessment().direction()).isEqualTo(Direction.SPIKE);
      assertThat(points.points(1, 1_000_000, 1_010_000, 100)).hasSize(10);
      assertThat(points.nextSeq(1)).isEqualTo(2500);
    }
  }

  @org.junit.jupiter.api.Test
  void aTransactionCommitsWhole_aRefusalOrASqlFailureLeavesNothing() {
    try (SqlStore store = SqlStore.open(dir)) {
      SqlStore.SqlWork<Integer> insert = c -> {
        try (var p = c.prepareStatement("INSERT INTO silences (matchers_json, starts_ms,"
            + " ends_ms, comment, created_ms) VALUES ('{}', 0, 1, 'x', 0)")) {
          return p.executeUpdate();
        }
      };
      SqlStore.SqlWork<Long> count = c -> {
        try (var p = c.prepareStatement("SELECT COUNT(*) FROM silences");
            var r = p.executeQuery()) {
          r.next();
          return r.getLong(1);
        }
      };
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.inTransaction("refuse",
          c -> {
            insert.run(c);
            throw new IllegalArgumentException("no");
          })).hasMessage("no");
      org.assertj.core.api.Assertions.assertThat(store.reading("count", count)).isZero();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.inTransaction(
          "store a silence", c -> {
            insert.run(c);
            try (var p = c.prepareStatement("INSERT INTO no_such_table VALUES (1)")) {
              return p.executeUpdate();
            }
          })).isInstanceOf(StoreException.class).hasMessageStartingWith(
              "cannot store a silence: ");
      org.assertj.core.api.Assertions.assertThat(store.reading("count", count)).isZero();
      org.assertj.core.api.Assertions.assertThat(store.inTransaction("store", insert))
          .isEqualTo(1);
      org.assertj.core.api.Assertions.assertThat(store.reading("count", count)).isEqualTo(1);
    }
  }
}
