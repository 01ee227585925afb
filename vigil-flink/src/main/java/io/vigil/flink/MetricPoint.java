package io.vigil.flink;

import io.vigil.series.SeriesKey;
import java.util.Map;
import java.util.TreeMap;

/**
 * One measurement on its way through the job: a series (name and labels) and a value at a
 * time. A Flink POJO (public fields, no-argument constructor) so that Flink serialises it
 * without Kryo; the labels travel as name, value, name, value.
 */
public class MetricPoint {
  /** The series' canonical text, {@code name{label="value",...}}: what the job keys by. */
  public String series;
  public String name;
  public String[] labels;
  public long timestampMs;
  public double value;

  public MetricPoint() {}

  public MetricPoint(SeriesKey key, long timestampMs, double value) {
    this.series = key.toString();
    this.name = key.name();
    this.labels = new String[key.labels().size() * 2];
    int i = 0;
    for (Map.Entry<String, String> e : key.labels().entrySet()) {
      labels[i++] = e.getKey();
      labels[i++] = e.getValue();
    }
    this.timestampMs = timestampMs;
    this.value = value;
  }

  /** The series this point belongs to. */
  public SeriesKey seriesKey() {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; labels != null && i + 1 < labels.length; i += 2) {
      m.put(labels[i], labels[i + 1]);
    }
    return SeriesKey.of(name, m);
  }

  @Override
  public String toString() {
    return series + " " + timestampMs + " " + value;
  }
}
