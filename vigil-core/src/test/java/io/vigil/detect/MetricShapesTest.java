package io.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.detect.catalog.StreamingDetectors;
import io.vigil.eval.synthetic.MetricShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every streaming detector against every shape of {@link MetricShapes}, with known answers.
 * Judged from the third day on (a daily season is learnt after two), at Vigil's operating
 * threshold (probability 0.999):
 *
 * <ul>
 *   <li>the band, where a detector reports one, never collapses: wider than 0, and at least
 *       the values' resolution on whole numbers and one-decimal percentages;
 *   <li>a constant series and a clean cycle raise no alarm at all; other normal shapes (counts,
 *       pinned percentages, mostly zero, counters read as rates, drift, cycles with noise,
 *       heavy tails, uneven sampling) at most 12 in 5,500 points;
 *   <li>marked blips and spikes reach 0.99 and are among the 5 most probable points;
 *   <li>a step is flagged within an hour, alarms stop within a day, and a detector that
 *       forecasts expects the new level a day later (rarity's expected value is the hour's
 *       usual value over its 5,000-point memory: it follows a step only after days).
 * </ul>
 * Random Cut Forest as OpenSearch runs it is left out: its behaviour is OpenSearch's, measured
 * in {@code vigil bench}, not Vigil's to change.
 *
 * <p>Known gaps, checked in their weaker form so they cannot get worse unseen: where rarity
 * takes part (rarity, the ensemble, the default), a one-unit wiggle that happens 1% of the time
 * on a flat whole-number series is as rare to it as a blip of 20, so the blips reach 0.99 but
 * do not rank above every wiggle; Vigil's calibrated {@code rcf} ranks forest noise with the
 * spikes and raises one alarm on a constant series (the forest's scores of identical points
 * vary with its random cuts).
 */
class MetricShapesTest {
  private static final double ALARM = 0.999;
  private static final long WARM_UP_MS = 2 * 86_400_000L;
  private static final java.util.Set<String> KNOWN_GAPS = java.util.Set.of(
      "rarity/flat with rare blips", "ensemble/flat with rare blips",
      "default/flat with rare blips", "rcf/flat with rare blips", "rcf/single spikes",
      "rcf/constant");

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (MetricShapes.Shape shape : MetricShapes.all()) {
      for (String detector : StreamingDetectors.names()) {
        if (!detector.equals("rcf-opensearch")) {
          out.add(Arguments.of(detector, shape.name(), shape));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("cases")
  void copesWithTheShape(String detector, String shapeName, MetricShapes.Shape shape) {
    StreamingDetector d = DetectorSpec.parse(shape.counter() ? detector + "+counter-rate"
        : detector).create();
    long[] t = shape.timestampsMs();
    double[] v = shape.values();
    Assessment[] a = new Assessment[v.length];
    for (int i = 0; i < v.length; i++) {
      a[i] = d.process(t[i], v[i]);
    }
    int from = 0;
    while (t[from] < t[0] + WARM_UP_MS) {
      from++;
    }
    int onsets = 0;
    boolean before = false;
    for (int i = from; i < v.length; i++) {
      if (!Double.isNaN(a[i].lower()) && !Double.isNaN(a[i].upper())) {
        double width = a[i].upper() - a[i].lower();
        assertThat(width).as("band width at point %d", i).isPositive();
        if (shape.resolution() > 0) {
          assertThat(width).as("band width at point %d, resolution %s", i, shape.resolution())
              .isGreaterThanOrEqualTo(shape.resolution());
        }
      }
      boolean alarm = a[i].probability() >= ALARM;
      onsets += alarm && !before ? 1 : 0;
      before = alarm;
    }
    boolean gap = KNOWN_GAPS.contains(detector + "/" + shapeName);
    switch (shape.expect()) {
      case QUIET -> assertThat(onsets).as("alarms").isLessThanOrEqualTo(
          shape.strictlyQuiet() && !gap ? 0 : gap ? 1 : 12);
      case MARKED_ON_TOP -> {
        for (int m : shape.marked()) {
          assertThat(a[m].probability()).as("marked point %d", m)
              .isGreaterThanOrEqualTo(gap ? 0.98 : 0.99);
          if (gap) {
            continue;
          }
          int above = 0;
          for (int i = from; i < v.length; i++) {
            above += a[i].probability() > a[m].probability() ? 1 : 0;
          }
          assertThat(above).as("points more probable than marked point %d", m)
              .isLessThanOrEqualTo(5);
        }
      }
      case STEP -> {
        int step = shape.marked()[0];
        double flagged = 0;
        for (int i = step; i < step + 12; i++) {
          flagged = Math.max(flagged, a[i].probability());
        }
        assertThat(flagged).as("the step's first hour").isGreaterThanOrEqualTo(ALARM);
        for (int i = step + 288; i < v.length; i++) {
          assertThat(a[i].probability()).as("a day after the step, point %d", i)
              .isLessThan(ALARM);
        }
        double expected = a[step + 288].expected();
        if (!Double.isNaN(expected) && !detector.equals("rarity")) {
          double newLevel = v[v.length - 1] > 40 ? 60 : 20;
          assertThat(expected).as("expected a day after the step")
              .isBetween(newLevel - 3, newLevel + 3);
        }
      }
      default -> throw new IllegalStateException();
    }
  }
}
