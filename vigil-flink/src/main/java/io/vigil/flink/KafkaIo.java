package io.vigil.flink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The job's Kafka ends. Points: each record's value one payload, read from the group's
 * committed offsets (the earliest when it has none; after a restore, from the checkpoint).
 * Assessments: JSON keyed by series, so one series' assessments stay in order in one
 * partition; at least once (a restart may write an assessment again, the same).
 */
final class KafkaIo {
  private KafkaIo() {}

  // The connector (5.0.0-2.2) takes only Kafka's OffsetResetStrategy, deprecated in Kafka 4.
  @SuppressWarnings("deprecation")
  static KafkaSource<byte[]> points(String bootstrap, String topic, String group) {
    return KafkaSource.<byte[]>builder().setBootstrapServers(bootstrap).setTopics(topic)
        .setGroupId(group)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(
            org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
        .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(ByteArrayDeserializer.class))
        .build();
  }

  static KafkaSink<Assessed> assessments(String bootstrap, String topic) {
    return KafkaSink.<Assessed>builder().setBootstrapServers(bootstrap)
        .setRecordSerializer(KafkaRecordSerializationSchema.<Assessed>builder().setTopic(topic)
            .setKeySerializationSchema(new SeriesKeyBytes())
            .setValueSerializationSchema(new AssessmentJson()).build())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build();
  }

  static KafkaSink<String> lines(String bootstrap, String topic) {
    return KafkaSink.<String>builder().setBootstrapServers(bootstrap)
        .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder().setTopic(topic)
            .setValueSerializationSchema(new Utf8()).build())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).build();
  }

  // Named classes, not lambdas: Flink cannot infer a lambda's SerializationSchema type.

  /** An assessment's series, the record key. */
  static final class SeriesKeyBytes implements SerializationSchema<Assessed> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(Assessed a) {
      return a.series.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** An assessment as JSON, the record value. */
  static final class AssessmentJson implements SerializationSchema<Assessed> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(Assessed a) {
      return VigilJob.json(a).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Text as UTF-8. */
  static final class Utf8 implements SerializationSchema<String> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
  }
}
