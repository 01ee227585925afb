package io.vigil.flink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Keeps every assessment a test job writes by series and time, in this JVM (the MiniCluster
 * runs here), counting how often each was written: a point judged twice after a restart must
 * be judged the same both times.
 */
final class CollectingSink implements Sink<Assessed> {
  private static final long serialVersionUID = 1L;
  static final Map<String, Double> PROBABILITY = new ConcurrentHashMap<>();
  static final Map<String, Integer> WRITES = new ConcurrentHashMap<>();
  /** The registry version each series was last judged by (0: its rules' detector). */
  static final Map<String, Long> VERSION = new ConcurrentHashMap<>();
  /** Assessments that differed from an earlier one of the same point. */
  static final Map<String, String> CONFLICTS = new ConcurrentHashMap<>();

  static void clear() {
    PROBABILITY.clear();
    WRITES.clear();
    VERSION.clear();
    CONFLICTS.clear();
  }

  static String key(String series, long timestampMs) {
    return series + "@" + timestampMs;
  }

  @Override
  public SinkWriter<Assessed> createWriter(WriterInitContext context) {
    return new SinkWriter<>() {
      @Override
      public void write(Assessed a, Context context) {
        String k = key(a.series, a.timestampMs);
        Double before = PROBABILITY.put(k, a.probability);
        if (before != null && before != a.probability) {
          CONFLICTS.put(k, before + " then " + a.probability);
        }
        WRITES.merge(k, 1, Integer::sum);
        VERSION.put(a.series, a.modelVersion);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
