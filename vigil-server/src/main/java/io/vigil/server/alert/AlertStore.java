package io.vigil.server.alert;

import java.util.List;
import java.util.Optional;

/** Alerts, their deliveries, and silences. */
public interface AlertStore {
  /** Inserts the alert (id 0: assigns one) or updates it; returns its id. */
  long saveAlert(AlertView alert);

  /** Alerts that are pending or firing. */
  List<AlertView> activeAlerts();

  /** Alerts newest first, of one state or all (null), at most {@code limit}. */
  List<AlertView> alerts(Alert.State state, int limit);

  /** One alert. */
  Optional<AlertView> alert(long id);

  void recordDelivery(Delivery delivery);

  /** An alert's deliveries, oldest first. */
  List<Delivery> deliveries(long alertId);

  /** Stores a silence; returns it with its id. */
  Silence addSilence(Silence silence);

  /** Silences not yet ended at {@code nowMs}. */
  List<Silence> silences(long nowMs);

  /** Ends a silence now; false when there is none with that id. */
  boolean expireSilence(long id, long nowMs);
}
