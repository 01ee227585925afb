package io.vigil.flink;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** Options the job cannot use are refused before anything runs, each named. */
class VigilJobOptionsTest {
  private static void refused(String message, String... args) {
    assertThatThrownBy(() -> VigilJob.define(
        StreamExecutionEnvironment.getExecutionEnvironment(), args))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  @Test
  void badOptionsAreNamed() {
    refused("unknown option '--point'", "--point", "/data", "--output", "/out");
    refused("--output needs a value", "--points", "/data", "--output");
    refused("say where the points come from", "--output", "/out");
    refused("--watch: ", "--points", "/data", "--output", "/out", "--watch", "soon");
    refused("--min-probability must be a number from 0 to 1, not '2'", "--points", "/data",
        "--output", "/out", "--min-probability", "2");
    refused("--format must be json or remote-write, not 'protobuf'", "--kafka",
        "127.0.0.1:9", "--points-topic", "t", "--assessments-topic", "a", "--format",
        "protobuf");
    refused("--points-topic is required", "--kafka", "127.0.0.1:9", "--assessments-topic",
        "a");
    refused("--model-key is required", "--points", "/data", "--output", "/out",
        "--registry", "postgresql://vigil@127.0.0.1:9/vigil");
    refused("not the embedded one", "--points", "/data", "--output", "/out", "--registry",
        "sqlite", "--model-key", "/k");
  }
}
