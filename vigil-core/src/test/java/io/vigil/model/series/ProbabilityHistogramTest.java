package io.vigil.model.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProbabilityHistogramTest {

  @Test
  void binsAreTenthsThenTheTail() {
    assertThat(ProbabilityHistogram.bin(0)).isZero();
    assertThat(ProbabilityHistogram.bin(0.0999)).isZero();
    assertThat(ProbabilityHistogram.bin(0.1)).isEqualTo(1);
    assertThat(ProbabilityHistogram.bin(0.95)).isEqualTo(9);
    assertThat(ProbabilityHistogram.bin(0.995)).isEqualTo(10);
    assertThat(ProbabilityHistogram.bin(0.999)).isEqualTo(11);
    assertThat(ProbabilityHistogram.bin(1)).isEqualTo(11);
  }

  @Test
  void psiMatchesTheFormulaWorkedByHand() {
    ProbabilityHistogram expected = ProbabilityHistogram.all();
    ProbabilityHistogram actual = ProbabilityHistogram.all();
    for (int i = 0; i < 100; i++) {
      expected.add(i < 50 ? 0.05 : 0.9995);
      actual.add(i < 80 ? 0.05 : 0.9995);
    }
    // 0.3 ln(0.8/0.5) + (-0.3) ln(0.2/0.5) = 0.141001 + 0.274887; empty bins add 0.
    assertThat(actual.psi(expected)).isCloseTo(0.4158883, within(1e-6));
    assertThat(expected.psi(expected)).isZero();
    assertThat(ProbabilityHistogram.all().psi(expected)).isNaN();
  }

  @Test
  void aRecentWindowForgetsTheOldest() {
    ProbabilityHistogram h = ProbabilityHistogram.recent(3);
    h.add(0.05);
    h.add(0.05);
    h.add(Double.NaN); // not scored: ignored
    h.add(0.5);
    h.add(0.9995);
    assertThat(h.total()).isEqualTo(3);
    assertThat(h.counts()[0]).isEqualTo(1);
    assertThat(h.counts()[5]).isEqualTo(1);
    assertThat(h.counts()[11]).isEqualTo(1);
    assertThat(ProbabilityHistogram.ofCounts(h.counts()).psi(h)).isZero();
    assertThatThrownBy(() -> ProbabilityHistogram.ofCounts(new long[3]))
        .hasMessageContaining("12 non-negative counts");
  }
}
