package io.vigil.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A registry that cannot be read does not stop detection. */
class RegistryChampionsTest {
  @Test
  void anUnreachableRegistry_meansNoChampions_andIsTriedAgainLater() {
    RegistryChampions champions = new RegistryChampions(
        "postgresql://vigil:x@127.0.0.1:1/vigil", "/no/such/model.key", 1000);
    assertThat(champions.of("cpu", 0)).isEmpty();
    assertThat(champions.of("cpu", 10)).isEmpty(); // within the interval: not tried again
    assertThat(champions.of("cpu", 2000)).isEmpty();
    champions.close();
  }
}
