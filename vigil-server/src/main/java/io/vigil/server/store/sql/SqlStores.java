package io.vigil.server.store.sql;

import io.vigil.model.ModelKey;
import io.vigil.server.alert.AlertStore;
import io.vigil.server.engine.CheckpointStore;
import io.vigil.server.engine.PointStore;
import io.vigil.server.engine.SeriesStore;
import io.vigil.server.host.HostStore;
import io.vigil.server.model.LabelStore;
import io.vigil.server.model.TrainingJobLog;
import io.vigil.server.registry.ModelRegistry;
import io.vigil.server.security.AuditStore;
import io.vigil.server.security.TokenStore;
import io.vigil.server.store.EventStore;
import io.vigil.server.store.RetentionStore;
import io.vigil.server.store.StoreHealth;
import io.vigil.server.store.StoreLocation;
import java.nio.file.Path;

/**
 * The one way into the SQL store: opens (creating and migrating) the database and hands out
 * each concept's store over it, all sharing its one connection and lock. Everything else in
 * this package is package-private, so no other package depends on how the data is kept.
 */
public final class SqlStores implements AutoCloseable {
  /** The embedded database's file name inside the data directory. */
  public static final String SQLITE_FILE = SqlStore.FILE;

  private final SqlStore base;
  private final SqlPointStore points;
  private final SeriesStore series;
  private final CheckpointStore checkpoints;
  private final AlertStore alerts;
  private final HostStore hosts;
  private final LabelStore labels;
  private final TrainingJobLog trainingJobs;
  private final TokenStore tokens;
  private final EventStore events;
  private final AuditStore audit;
  private final RetentionStore retention;

  private SqlStores(SqlStore base) {
    this.base = base;
    this.points = new SqlPointStore(base);
    this.series = new SqlSeriesStore(base);
    this.checkpoints = new SqlCheckpointStore(base);
    this.alerts = new SqlAlertStore(base);
    this.hosts = new SqlHostStore(base);
    this.labels = new SqlLabelStore(base);
    this.trainingJobs = new SqlTrainingJobLog(base);
    this.tokens = new SqlTokenStore(base);
    this.events = new SqlEventStore(base);
    this.audit = new SqlAuditStore(base);
    this.retention = new SqlRetention(base, points);
  }

  /**
   * Opens the embedded store in {@code dataDir}.
   *
   * @throws io.vigil.server.store.StoreException when it cannot be opened
   */
  public static SqlStores open(Path dataDir) {
    return open(dataDir, 0);
  }

  /**
   * Opens the embedded store in {@code dataDir}, refusing appends while its disk has less
   * than {@code minFreeBytes} free.
   *
   * @throws io.vigil.server.store.StoreException when it cannot be opened
   */
  public static SqlStores open(Path dataDir, long minFreeBytes) {
    return open(StoreLocation.EMBEDDED, dataDir, minFreeBytes);
  }

  /**
   * Opens the store at {@code location}: the embedded one in {@code dataDir}, or a PostgreSQL
   * database (created tables on first use; the disk check is the server's then).
   *
   * @throws io.vigil.server.store.StoreException when it cannot be opened, saying why
   */
  public static SqlStores open(StoreLocation location, Path dataDir, long minFreeBytes) {
    return new SqlStores(SqlStore.open(location, dataDir, minFreeBytes));
  }

  /**
   * Opens a store the service keeps, to read beside it (a Flink job reading the registry):
   * its schema is checked, never changed.
   *
   * @throws io.vigil.server.store.StoreException when it cannot be opened or its schema is
   *     not this version's
   */
  public static SqlStores openExisting(StoreLocation location) {
    return new SqlStores(SqlStore.open(location, Path.of(System.getProperty("java.io.tmpdir")),
        0, false));
  }

  public SeriesStore series() {
    return series;
  }

  public PointStore points() {
    return points;
  }

  public CheckpointStore checkpoints() {
    return checkpoints;
  }

  public StoreHealth health() {
    return base;
  }

  public AlertStore alerts() {
    return alerts;
  }

  /**
   * The model registry, its versions signed with {@code key}; unsigned versions are adopted
   * (signed now) only when {@code keyIsNew}, i.e. the store predates signatures.
   */
  public ModelRegistry registry(ModelKey key, boolean keyIsNew) {
    return new SqlModelRegistry(base, key, keyIsNew);
  }

  public HostStore hosts() {
    return hosts;
  }

  public LabelStore labels() {
    return labels;
  }

  public TrainingJobLog trainingJobs() {
    return trainingJobs;
  }

  public TokenStore tokens() {
    return tokens;
  }

  public EventStore events() {
    return events;
  }

  public AuditStore audit() {
    return audit;
  }

  public RetentionStore retention() {
    return retention;
  }

  /** Files every logged batch, so that reads see every acknowledged point. */
  public void applyPending() {
    points.applyPending();
  }

  /** Files logged batches a few at a time (the service runs this every second). */
  public void applyInSteps() {
    points.applyInSteps();
  }

  /** Tries a small write while the last one failed, to notice recovery. */
  public void probe() {
    base.probe();
  }

  @Override
  public void close() {
    base.close();
  }
}
