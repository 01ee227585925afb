package io.vigil.flink;

import io.vigil.detect.Assessment;

/**
 * A point with its detector's judgement, as the service stores it: probability, expected
 * value and band (NaN where the detector has none yet), direction and status. A Flink POJO.
 */
public class Assessed {
  public String series;
  /** The series' name and labels (name, value, ...), as the point had them. */
  public String name;
  public String[] labels;
  public long timestampMs;
  public double value;
  public String status;
  public double probability;
  public double expected;
  public double lower;
  public double upper;
  public String direction;
  /** The detector that judged it, as the service names it (its spec: "default", ...). */
  public String detector;
  /** The registry's model version that judged it; 0: the detector its rules chose. */
  public long modelVersion;

  public Assessed() {}

  public Assessed(MetricPoint p, Assessment a, String detector, long modelVersion) {
    this.series = p.series;
    this.name = p.name;
    this.labels = p.labels;
    this.timestampMs = p.timestampMs;
    this.value = p.value;
    this.status = a.status().name();
    this.probability = a.probability();
    this.expected = a.expected();
    this.lower = a.lower();
    this.upper = a.upper();
    this.direction = a.direction().name();
    this.detector = detector;
    this.modelVersion = modelVersion;
  }

  /** The series this assessment belongs to. */
  public io.vigil.series.SeriesKey seriesKey() {
    MetricPoint p = new MetricPoint();
    p.name = name;
    p.labels = labels;
    return p.seriesKey();
  }

  @Override
  public String toString() {
    return series + " " + timestampMs + " " + value + " p=" + probability;
  }
}
