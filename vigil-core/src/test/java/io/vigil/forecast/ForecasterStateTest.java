package io.vigil.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every forecaster snapshots and restores to continue bit for bit. */
class ForecasterStateTest {
  private static final long STEP = 300_000L;

  private static double value(Random random, int i) {
    return 40 + 0.01 * i + 5 * Math.sin(2 * Math.PI * i / 24) + random.nextGaussian();
  }

  @Test
  void everyForecaster_continuesExactlyFromItsSnapshot() {
    for (Forecaster original : new Forecaster[] {HoltWintersForecaster.withDefaults(24),
        new HoltWintersForecaster(24, true, 0.3, 0.001, 0.1, 0.98),
        new LinearTrendForecaster(500, 24), new LinearTrendForecaster(300),
        new SeasonalNaiveForecaster(24)}) {
      Random random = new Random(7);
      for (int i = 0; i < 700; i++) {
        original.learn(i * STEP, value(random, i));
      }
      ForecasterState state = original.snapshot();
      Forecaster restored = Forecasters.restore(state);
      assertThat(restored.name()).isEqualTo(original.name());
      assertThat(restored.learnt()).isEqualTo(700);
      for (int i = 700; i < 800; i++) {
        double v = value(random, i);
        original.learn(i * STEP, v);
        restored.learn(i * STEP, v);
      }
      Forecast a = original.forecast(48, 0.8);
      Forecast b = restored.forecast(48, 0.8);
      assertThat(b.mean()).as(original.name()).containsExactly(a.mean());
      assertThat(b.lower()).containsExactly(a.lower());
      assertThat(b.upper()).containsExactly(a.upper());
      assertThat(b.timesMs()).containsExactly(a.timesMs());
      assertThat(Forecasters.restore(restored.snapshot()).forecast(48, 0.8).mean())
          .containsExactly(a.mean());
    }
  }

  @Test
  void unknownOrDamagedStates_areRefusedPlainly() {
    ForecasterState good = new SeasonalNaiveForecaster(4).snapshot();
    assertThatThrownBy(() -> Forecasters.restore(new ForecasterState("magic", 1,
        good.bytes()))).hasMessageContaining("no forecaster 'magic' to restore");
    assertThatThrownBy(() -> Forecasters.restore(new ForecasterState(good.method(), 99,
        good.bytes()))).hasMessageContaining("state version 99 is not known");
    assertThatThrownBy(() -> Forecasters.restore(new ForecasterState(good.method(), 1,
        Arrays.copyOf(good.bytes(), 10)))).hasMessageContaining("is damaged");
  }
}
