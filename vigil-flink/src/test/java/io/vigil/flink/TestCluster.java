package io.vigil.flink;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** Flink's MiniCluster as the job tests use it: one task manager with two slots. */
final class TestCluster {
  private TestCluster() {}

  static MiniClusterExtension twoSlots() {
    return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
        .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
  }
}
