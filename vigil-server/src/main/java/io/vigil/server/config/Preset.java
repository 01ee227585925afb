package io.vigil.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settings for a well-known exporter, switched on with one line of the configuration
 * ({@code presets: [node-exporter]}): which of its series are counters although their names do
 * not say so, and which are the exporter's own internals, scored and stored but never alerted
 * on.
 *
 * @param name what the configuration calls it
 * @param counters series read as counters (their per-second rate is judged), beyond those
 *     that are counters by name or metadata
 * @param quiet series no alert rule watches
 */
public record Preset(String name, List<SeriesSelector> counters, List<SeriesSelector> quiet) {
  public Preset {
    counters = List.copyOf(counters);
    quiet = List.copyOf(quiet);
  }

  /**
   * Prometheus' node_exporter. Its counters mostly end in {@code _total}; the vmstat and
   * netstat counters it reads from the kernel are exported untyped and without the ending,
   * so they are named here (netstat's gauges, {@code Tcp_CurrEstab} and the like, left
   * out). The Go runtime's, the process', the scrape's and the HTTP handler's own metrics are
   * the exporter watching itself: quiet.
   */
  public static final Preset NODE_EXPORTER = new Preset("node-exporter",
      List.of(series("node_vmstat_(pg|pswp|oom_kill|numa_).*"),
          series("node_netstat_(Tcp_(ActiveOpens|PassiveOpens|RetransSegs|InSegs|OutSegs"
              + "|InErrs|OutRsts|AttemptFails|EstabResets)|Udp6?_.*|UdpLite6?_.*|TcpExt_.*"
              + "|Icmp6?_.*|Ip6_.*|IpExt_.*)")),
      List.of(series("go_.*"), series("process_.*"), series("node_scrape_.*"),
          series("promhttp_.*"), series("node_exporter_build_info"),
          series("node_textfile_scrape_error")));

  /** The presets Vigil ships, by name. */
  public static final Map<String, Preset> KNOWN = Map.of(NODE_EXPORTER.name(), NODE_EXPORTER);

  private static SeriesSelector series(String regex) {
    return new SeriesSelector(regex, Map.of());
  }

  /**
   * The presets named, in order.
   *
   * @throws IllegalArgumentException for a name Vigil does not ship, listing those it does
   */
  public static List<Preset> named(List<String> names) {
    List<Preset> out = new ArrayList<>();
    for (String n : names) {
      Preset p = KNOWN.get(n);
      if (p == null) {
        throw new IllegalArgumentException("unknown preset '" + n + "': use one of "
            + String.join(", ", new java.util.TreeSet<>(KNOWN.keySet())));
      }
      out.add(p);
    }
    return out;
  }
}
