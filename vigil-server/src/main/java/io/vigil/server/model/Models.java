package io.vigil.server.model;

import io.vigil.server.alert.AlertStore;
import io.vigil.server.config.ModelSettings;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.PointStore;
import io.vigil.server.engine.SeriesStore;
import io.vigil.server.registry.ModelRegistry;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The model lifecycle's parts, wired over one engine and store.
 *
 * @param registry versions and their history
 * @param labels feedback labels
 * @param training training runs
 * @param switches promotion, rollback, shadow
 * @param feedback verdicts into labels
 * @param retune thresholds from labels
 * @param shadows champion against challenger
 * @param settings promotion and health limits
 * @param engine whose live models they manage
 * @param clock the server clock
 */
public record Models(ModelRegistry registry, LabelStore labels, ModelTraining training,
    ModelSwitches switches, Feedback feedback, ThresholdRetune retune,
    ShadowComparison shadows, ModelSettings settings, DetectionEngine engine,
    LongSupplier clock) implements AutoCloseable {

  /**
   * Wires the parts.
   *
   * @param defaultThreshold the anomaly probability of series without a champion
   */
  public static Models create(DetectionEngine engine, SeriesStore series, PointStore points,
      AlertStore alerts, ModelRegistry registry, LabelStore labels, TrainingJobLog jobs,
      ModelSettings settings, double defaultThreshold, LongSupplier clock) {
    ModelSwitches switches = new ModelSwitches(engine, registry);
    return new Models(registry, labels, new ModelTraining(series, points, registry, labels,
        switches, jobs, settings, clock), switches, new Feedback(series, points, alerts, labels,
        clock), new ThresholdRetune(engine, points, labels, registry, switches,
        defaultThreshold, clock), new ShadowComparison(engine, points, labels,
        defaultThreshold), settings, engine, clock);
  }

  /** Every champion's health now. */
  public List<ModelHealth> health() {
    long now = clock.getAsLong();
    return engine.monitors().stream().map(m -> ModelHealth.of(m, settings, now)).toList();
  }

  @Override
  public void close() {
    training.close();
  }
}
