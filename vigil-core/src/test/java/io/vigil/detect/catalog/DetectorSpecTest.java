package io.vigil.detect.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.detect.Assessment;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.transform.TransformedDetector;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DetectorSpecTest {

  @Test
  void defaultsAreFilledIn_andParametersChangeTheDetector() {
    assertThat(DetectorSpec.of("default").parameters())
        .containsExactly(Map.entry("escalation", 1.5), Map.entry("suppressHours", 12.0),
            Map.entry("sustainedWindow", 0.0));
    assertThat(DetectorSpec.of("rcf").parameters()).isEmpty();
    StreamingDetector narrow = new DetectorSpec("windowed-gaussian", Map.of("window", 20.0),
        List.of()).create();
    StreamingDetector wide = DetectorSpec.of("windowed-gaussian").create();
    Random r = new Random(1);
    boolean differ = false;
    for (int i = 0; i < 500; i++) {
      double v = 10 + r.nextGaussian() + (i > 400 ? 3 : 0);
      differ |= narrow.process(i, v).probability() != wide.process(i, v).probability();
    }
    assertThat(differ).isTrue();
  }

  @Test
  void featuresFeedTheDetectorAndSurviveACheckpoint() {
    DetectorSpec spec = new DetectorSpec("robust-ewma", Map.of(), List.of("difference",
        "mean-3"));
    StreamingDetector d = spec.create();
    assertThat(d.algorithm()).isEqualTo(TransformedDetector.ALGORITHM);
    for (int i = 0; i < 300; i++) {
      d.process(i, i * 2.0 + Math.sin(i));
    }
    StreamingDetector copy = StreamingDetectors.restore(d.snapshot());
    for (int i = 300; i < 320; i++) {
      assertThat(copy.process(i, i * 2.0)).isEqualTo(d.process(i, i * 2.0));
    }
  }

  @Test
  void timeOfDayFindsADipAtThePeakThatTheDaysRangeHides() {
    // Three weeks of 5-minute points, 100 + 50 sin(2π hour / 24) ± 2, then 120 at 06:00, the
    // daily peak (150): well inside the day's range, 15 standard deviations below the hour.
    StreamingDetector raw = DetectorSpec.parse("windowed-gaussian:window=2000").create();
    StreamingDetector daily = DetectorSpec.parse("windowed-gaussian:window=2000+time-of-day")
        .create();
    Random r = new Random(11);
    long step = 300_000L;
    int points = 21 * 288;
    for (int i = 0; i < points; i++) {
      double v = 100 + 50 * Math.sin(2 * Math.PI * (i % 288) / 288.0) + 2 * r.nextGaussian();
      raw.process(i * step, v);
      daily.process(i * step, v);
    }
    long sixAm = points * step + 6 * 3_600_000L;
    Assessment byRaw = raw.process(sixAm, 120);
    Assessment byHour = daily.process(sixAm, 120);
    assertThat(byRaw.probability()).isLessThan(0.9);
    assertThat(byHour.probability()).isGreaterThan(0.999);
    assertThat(byHour.expected()).as("the hour's usual value").isCloseTo(149.4, within(1.5));
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> DetectorSpec.of("magic"))
        .hasMessageStartingWith("unknown algorithm 'magic': use one of default,");
    assertThatThrownBy(() -> new DetectorSpec("robust-ewma", Map.of("window", 5.0), List.of()))
        .hasMessage("robust-ewma has no parameter 'window'; its parameters: alpha");
    assertThatThrownBy(() -> new DetectorSpec("rcf", Map.of("trees", 5.0), List.of()))
        .hasMessage("rcf has no parameter 'trees'; it takes none");
    assertThatThrownBy(() -> new DetectorSpec("windowed-gaussian", Map.of("window", 20.5),
        List.of())).hasMessage("windowed-gaussian parameter window must be a whole number"
            + " from 10 to 100000, was 20.5");
    assertThatThrownBy(() -> new DetectorSpec("default", Map.of(), List.of("log")))
        .hasMessageStartingWith("unknown feature 'log': use difference, rate,");
  }

  @Test
  void theTextFormRoundTrips() {
    DetectorSpec spec = DetectorSpec.parse("robust-ewma:alpha=0.05+difference+mean-4");
    assertThat(spec).isEqualTo(new DetectorSpec("robust-ewma", Map.of("alpha", 0.05),
        List.of("difference", "mean-4")));
    assertThat(spec.text()).isEqualTo("robust-ewma:alpha=0.05+difference+mean-4");
    assertThat(DetectorSpec.parse("default").text())
        .isEqualTo("default:escalation=1.5,suppressHours=12,sustainedWindow=0");
    assertThat(DetectorSpec.parse(DetectorSpec.of("rcf").text())).isEqualTo(DetectorSpec.of(
        "rcf"));
    assertThatThrownBy(() -> DetectorSpec.parse("robust-ewma:alpha"))
        .hasMessage("'robust-ewma:alpha': parameter 'alpha' must be name=value");
    assertThatThrownBy(() -> DetectorSpec.parse("robust-ewma:alpha=fast"))
        .hasMessage("'robust-ewma:alpha=fast': parameter alpha must be a number, was 'fast'");
    assertThatThrownBy(() -> DetectorSpec.parse("robust-ewma+"))
        .hasMessageStartingWith("unknown feature ''");
  }
}
