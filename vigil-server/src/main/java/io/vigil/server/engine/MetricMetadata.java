package io.vigil.server.engine;

import io.vigil.series.MetricNaming;
import io.vigil.series.SeriesKey;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What senders have said of their metric families (Prometheus remote write's metadata: type,
 * unit), falling back on the naming conventions for families never described. Prometheus
 * sends metadata in its own requests, about once a minute; a series that arrives before its
 * family's metadata is judged by its name. Kept in memory only: what it decides (a new
 * series' detector) is stored with the series.
 */
public final class MetricMetadata {
  /** Prometheus' metric types, in the order of remote write's {@code MetricType} enum. */
  public enum Type {
    UNKNOWN, COUNTER, GAUGE, HISTOGRAM, GAUGEHISTOGRAM, SUMMARY, INFO, STATESET;

    /** The type of enum number {@code n}; UNKNOWN for numbers this Vigil does not know. */
    public static Type of(int n) {
      return n >= 0 && n < values().length ? values()[n] : UNKNOWN;
    }
  }

  /** One family's description. */
  public record Family(String name, Type type, String unit) {}

  /** Families are few (hundreds per exporter); this bounds a sender that invents names. */
  static final int MAX_FAMILIES = 100_000;

  private final Map<String, Family> families = new ConcurrentHashMap<>();

  /** Records what a sender said of a family; the latest description wins. */
  public void describe(Family f) {
    if (f.name() == null || f.name().isEmpty()) {
      return;
    }
    if (families.size() < MAX_FAMILIES || families.containsKey(f.name())) {
      families.put(f.name(), f);
    }
  }

  /**
   * Whether {@code key} is a counter: by its family's type when a sender described it, else
   * by its name ({@link MetricNaming#counterByName}).
   */
  public boolean isCounter(SeriesKey key) {
    String name = key.name();
    Family f = families.get(name);
    if (f == null && name.endsWith("_total")) {
      f = families.get(name.substring(0, name.length() - "_total".length()));
    }
    if (f != null && f.type() != Type.UNKNOWN) {
      return f.type() == Type.COUNTER;
    }
    String family = MetricNaming.family(name);
    Family parent = family.equals(name) ? null : families.get(family);
    if (parent != null && parent.type() != Type.UNKNOWN) {
      return parent.type() == Type.HISTOGRAM || parent.type() == Type.SUMMARY;
    }
    return MetricNaming.counterByName(name);
  }

  /** The unit {@code key}'s values are in, or null when nothing says. */
  public String unit(SeriesKey key) {
    Family f = families.get(key.name());
    if (f == null) {
      f = families.get(MetricNaming.family(key.name()));
    }
    if (f != null && f.unit() != null && !f.unit().isEmpty()) {
      String unit = f.unit().toLowerCase(Locale.ROOT);
      String symbol = MetricNaming.unitByName("x_" + unit);
      return symbol != null ? symbol : unit;
    }
    return MetricNaming.unitByName(key.name());
  }
}
