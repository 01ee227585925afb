package io.vigil.server.engine;

import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.warm.WarmStart;
import io.vigil.series.SeriesKey;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Warm-starts new series in the service ({@link WarmStart}): once a new series whose rule asks
 * for it has {@value WarmStart#SCALING_POINTS} points, its detector is replaced by one that has
 * learnt a sibling's last week (mapped onto the new series' level and spread) and then the new
 * series' own points. The sibling is the series of the same name and detector with the most
 * labels equal to the new one's, then the oldest; it needs at least
 * {@value #SIBLING_POINTS} points in that week.
 */
public final class WarmStarter {
  /** The fewest points a sibling's last week must hold to be learnt from. */
  static final int SIBLING_POINTS = 100;
  /** The most siblings of one name looked at. */
  private static final int CANDIDATES = 1000;
  /** The most of a sibling's points replayed (from the start of its last week). */
  private static final int MAX_REPLAY = 20_000;

  private final SeriesStore series;
  private final PointStore points;
  private final Predicate<SeriesKey> enabledFor;

  /**
   * @param enabledFor which new series are warm-started
   */
  public WarmStarter(SeriesStore series, PointStore points, Predicate<SeriesKey> enabledFor) {
    this.series = series;
    this.points = points;
    this.enabledFor = enabledFor;
  }

  boolean enabledFor(SeriesKey key) {
    return enabledFor.test(key);
  }

  /**
   * A detector for new series {@code info} that has learnt a sibling's week and then the
   * series' {@code stored} points so far; empty when there is no sibling with enough points.
   */
  Optional<StreamingDetector> warm(SeriesInfo info, long stored) {
    List<StoredPoint> own = points.points(info.id(), Long.MIN_VALUE, Long.MAX_VALUE,
        (int) Math.min(stored, Integer.MAX_VALUE));
    if (own.isEmpty()) {
      return Optional.empty();
    }
    long start = own.get(0).timestampMs();
    for (SeriesInfo sibling : siblings(info)) {
      List<StoredPoint> history = points.points(sibling.id(),
          Math.min(start, latest(sibling)) - WarmStart.HISTORY_MS, start, MAX_REPLAY);
      if (history.size() < SIBLING_POINTS) {
        continue;
      }
      DetectorSpec spec = DetectorSpec.parse(info.detector());
      return Optional.of(WarmStart.warmed(spec::create,
          history.stream().mapToLong(StoredPoint::timestampMs).toArray(),
          history.stream().mapToDouble(StoredPoint::value).toArray(),
          own.stream().mapToLong(StoredPoint::timestampMs).toArray(),
          own.stream().mapToDouble(StoredPoint::value).toArray()));
    }
    return Optional.empty();
  }

  private long latest(SeriesInfo s) {
    long next = points.nextSeq(s.id());
    if (next == 0) {
      return Long.MIN_VALUE / 2;
    }
    List<StoredPoint> last = points.pointsAfter(s.id(), next - 2);
    return last.isEmpty() ? Long.MIN_VALUE / 2 : last.get(last.size() - 1).timestampMs();
  }

  /** Same name and detector, most labels in common first, then the oldest. */
  List<SeriesInfo> siblings(SeriesInfo info) {
    Map<String, String> labels = info.key().labels();
    return series.named(info.key().name(), CANDIDATES).stream()
        .filter(s -> s.id() != info.id() && s.detector().equals(info.detector()))
        .sorted(Comparator.<SeriesInfo>comparingLong(s -> -s.key().labels().entrySet().stream()
                .filter(e -> e.getValue().equals(labels.get(e.getKey()))).count())
            .thenComparingLong(SeriesInfo::id))
        .toList();
  }
}
