package io.vigil.eval.synthetic;

/** The kinds of fault injected into synthetic server metrics, each a labelled segment. */
public enum Fault {
  /** The CPU sensor repeats its last reading while the load keeps moving. */
  STUCK_SENSOR,
  /** Memory climbs steadily, GC pauses lengthen, until the process restarts. */
  MEMORY_LEAK,
  /** CPU runs high while requests stay normal: a runaway process breaks CPU's tie to load. */
  CORRELATION_BREAK,
  /** Latency steps up and stays there: a slower dependency. */
  LEVEL_SHIFT,
  /** A burst of errors. */
  ERROR_BURST,
  /** Outbound traffic collapses while requests continue: responses are being dropped. */
  TRAFFIC_DROP
}
