package io.vigil.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.detect.StreamingDetector;
import io.vigil.detect.catalog.DetectorSpec;
import io.vigil.series.SeriesKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job as {@code flink run} defines it from its options, between topics of a real Kafka
 * broker ({@link TestKafka}): JSON batches in, each series' assessments out keyed by series
 * and equal to its detector's own, a malformed record named on the rejected topic.
 */
class KafkaJobTest {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = TestCluster.twoSlots();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long START = 1_700_000_000_000L;

  @Test
  void jsonBatchesFromATopic_becomeAssessmentsOnAnother_keyedBySeries() throws Exception {
    String bootstrap = TestKafka.bootstrap();
    TestKafka.createTopic("points", 2);
    TestKafka.createTopic("assessments", 2);
    TestKafka.createTopic("rejected", 1);
    TestKafka.createTopic("anomalies", 1);
    Map<String, Double> expected = new HashMap<>();
    Random random = new Random(3);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (int s = 0; s < 4; s++) {
        SeriesKey key = SeriesKey.of("queue_depth", Map.of("pod", "p" + s));
        StreamingDetector reference = DetectorSpec.parse(DetectorChoice.defaults()
            .detectorFor(key)).create();
        for (int batch = 0; batch < 12; batch++) {
          List<String> items = new ArrayList<>();
          for (int i = batch * 100; i < batch * 100 + 100; i++) {
            double v = 40 + 5 * random.nextGaussian() + (i == 1000 ? 60 : 0);
            long t = START + i * 60_000L;
            expected.put(CollectingSink.key(key.toString(), t), reference.process(t, v)
                .probability());
            items.add("{\"series\":\"queue_depth\",\"labels\":{\"pod\":\"p" + s
                + "\"},\"timestamp\":" + t + ",\"value\":" + v + "}");
          }
          producer.send(new ProducerRecord<>("points", key.toString().getBytes(
              StandardCharsets.UTF_8), ("[" + String.join(",", items) + "]")
              .getBytes(StandardCharsets.UTF_8)));
        }
      }
      producer.send(new ProducerRecord<>("points", "[{\"series\":\"x\",\"value\":\"high\"}]"
          .getBytes(StandardCharsets.UTF_8)));
    }

    Map<String, Double> expectedAnomalies = new HashMap<>(expected);
    expectedAnomalies.values().removeIf(p -> p < VigilJob.ANOMALY_PROBABILITY);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(500);
    VigilJob.define(env, new String[] {"--kafka", bootstrap, "--points-topic", "points",
        "--assessments-topic", "assessments", "--rejected-topic", "rejected",
        "--anomalies-topic", "anomalies"});
    JobClient job = env.executeAsync("vigil on kafka");
    Map<String, Double> got = new HashMap<>();
    List<String> rejected = new ArrayList<>();
    Map<String, Double> anomalies = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
        "test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("assessments", "rejected", "anomalies"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while ((got.size() < expected.size() || rejected.isEmpty()
          || anomalies.size() < expectedAnomalies.size()) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          String value = new String(r.value(), StandardCharsets.UTF_8);
          if (r.topic().equals("rejected")) {
            rejected.add(value);
            continue;
          }
          JsonNode a = JSON.readTree(value);
          if (r.topic().equals("anomalies")) {
            anomalies.put(CollectingSink.key(a.get("series").asText(),
                a.get("timestamp").asLong()), a.get("probability").asDouble());
            continue;
          }
          assertThat(r.key()).isEqualTo(a.get("series").asText());
          assertThat(a.get("detector").asText()).isEqualTo("default"); // as the service names it
          got.put(CollectingSink.key(a.get("series").asText(), a.get("timestamp").asLong()),
              a.get("probability").asDouble());
        }
      }
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
    assertThat(got).isEqualTo(expected);
    assertThat(anomalies).isEqualTo(expectedAnomalies);
    assertThat(expected.values()).anyMatch(p -> p > 0.999); // the jump is judged anomalous
    assertThat(rejected).singleElement().asString().contains("value").contains("high");
  }
}
