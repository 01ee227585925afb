package io.vigil.flink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Vigil's detection as a Flink job: points keyed by series, each series judged by the same
 * streaming detector the service would give it, the detectors' state in Flink's keyed state
 * (checkpointed by Flink; kept across restarts, savepoints and changes of parallelism).
 *
 * <pre>
 * flink run vigil-flink-job.jar --kafka HOST:9092 --points-topic metrics
 *     [--format json|remote-write] --assessments-topic vigil-assessments
 *     [--anomalies-topic vigil-anomalies [--anomaly-probability 0.999]]
 *     [--rejected-topic vigil-rejected] [--config vigil.yaml] [--min-probability P]
 * flink run vigil-flink-job.jar --points DIR --output DIR [--watch 10s] [--config ...]
 * </pre>
 *
 * <p>Kafka: each record's value a JSON batch or point as {@code POST /api/v1/points} takes it,
 * or a Prometheus remote write request ({@code --format remote-write}); assessments go out as
 * JSON keyed by series, and those at or above the anomaly probability (0.999, as the service
 * stores anomalies) to {@code --anomalies-topic} as well. Files: lines, each a point object or a batch array (with
 * {@code --watch}, new files are read as they come); assessments as JSON lines in
 * {@code --output}, refused lines in {@code rejected/} beside them. With
 * {@code --min-probability} only assessments at or above it are written. With
 * {@code --registry postgresql://... --model-key FILE [--registry-every 30s]} (the service's
 * store and model key), a series judged by a champion in the service's model registry is
 * judged by it in the job too, from the refresh after its promotion. When the configuration
 * has alert rules and Alertmanagers, the job sends its alerts there ({@link JobAlerts}).
 */
public final class VigilJob {
  /** The detection operator's id: savepoints find its state by it; never change it. */
  public static final String DETECTION_UID = "vigil-series-detection";
  private static final ObjectMapper JSON = new ObjectMapper();

  private VigilJob() {}

  /** Points into assessments: keyed by series, each judged by its rules' detector. */
  public static SingleOutputStreamOperator<Assessed> detect(DataStream<MetricPoint> points,
      DetectorChoice choice) {
    return detect(points, choice, null);
  }

  /**
   * Points into assessments: keyed by series, each judged by its champion in the service's
   * registry when it has one ({@code champions} may be null), else by its rules' detector.
   */
  public static SingleOutputStreamOperator<Assessed> detect(DataStream<MetricPoint> points,
      DetectorChoice choice, RegistryChampions champions) {
    return points.keyBy(p -> p.series, Types.STRING)
        .process(new SeriesDetection(choice, champions)).uid(DETECTION_UID)
        .name("vigil detection");
  }

  /** An assessment as one JSON line. */
  static String json(Assessed a) {
    Map<String, Object> m = new HashMap<>();
    m.put("series", a.series);
    m.put("timestamp", a.timestampMs);
    m.put("value", a.value);
    m.put("status", a.status);
    m.put("probability", a.probability);
    m.put("expected", Double.isFinite(a.expected) ? a.expected : null);
    m.put("lower", Double.isFinite(a.lower) ? a.lower : null);
    m.put("upper", Double.isFinite(a.upper) ? a.upper : null);
    m.put("direction", a.direction);
    m.put("detector", a.detector);
    if (a.modelVersion != 0) {
      m.put("modelVersion", a.modelVersion);
    }
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    define(env, args);
    env.execute("vigil detection");
  }

  /**
   * Adds the job that {@code args} describe (see the class comment) to {@code env}.
   *
   * @throws IllegalArgumentException naming a missing or malformed option
   */
  public static void define(StreamExecutionEnvironment env, String[] args) throws IOException {
    Map<String, String> opts = options(args);
    DetectorChoice choice = opts.containsKey("--config")
        ? DetectorChoice.of(Files.readString(Path.of(opts.get("--config"))), opts.get("--config"))
        : DetectorChoice.defaults();
    double minProbability = opts.containsKey("--min-probability")
        ? probability(opts.get("--min-probability")) : 0;
    String kafka = opts.get("--kafka");
    DataStream<byte[]> payloads;
    PointPayloads.Format format = PointPayloads.Format.JSON;
    if (kafka != null) {
      String f = opts.getOrDefault("--format", "json");
      if (!f.equals("json") && !f.equals("remote-write")) {
        throw new IllegalArgumentException("--format must be json or remote-write, not '" + f
            + "'");
      }
      format = f.equals("json") ? PointPayloads.Format.JSON : PointPayloads.Format.REMOTE_WRITE;
      payloads = env.fromSource(KafkaIo.points(kafka, required(opts, "--points-topic"),
          opts.getOrDefault("--group-id", "vigil")), WatermarkStrategy.noWatermarks(),
          "points").uid("vigil-kafka-points");
    } else {
      FileSource.FileSourceBuilder<String> source = FileSource.forRecordStreamFormat(
          new TextLineInputFormat(), new org.apache.flink.core.fs.Path(
              required(opts, "--points")));
      if (opts.containsKey("--watch")) {
        source.monitorContinuously(duration(opts, "--watch", null));
      }
      payloads = env.fromSource(source.build(), WatermarkStrategy.noWatermarks(), "points")
          .uid("vigil-file-points").map(line -> line.getBytes(StandardCharsets.UTF_8))
          .returns(byte[].class).name("lines");
    }
    SingleOutputStreamOperator<MetricPoint> points = payloads
        .process(new PointPayloads(format)).uid("vigil-point-payloads").name("parse points");
    RegistryChampions champions = opts.containsKey("--registry")
        ? new RegistryChampions(opts.get("--registry"), required(opts, "--model-key"),
            duration(opts, "--registry-every", "30s").toMillis())
        : null;
    SingleOutputStreamOperator<Assessed> judged = detect(points, choice, champions);
    if (!choice.alertRules().isEmpty() && !choice.alertmanagers().isEmpty()) {
      judged.flatMap(new JobAlerts(choice)).name("alert rules")
          .sinkTo(new AlertmanagerSink(choice)).uid("vigil-alertmanager").name("alertmanager");
    }
    DataStream<Assessed> assessed = judged
        .filter(a -> a.probability >= minProbability).name("threshold");
    DataStream<String> rejected = points.getSideOutput(PointPayloads.REJECTED);
    if (kafka != null) {
      assessed.sinkTo(KafkaIo.assessments(kafka, required(opts, "--assessments-topic")))
          .uid("vigil-kafka-assessments").name("assessments");
      if (opts.containsKey("--anomalies-topic")) {
        double anomaly = opts.containsKey("--anomaly-probability")
            ? probability(opts.get("--anomaly-probability")) : ANOMALY_PROBABILITY;
        judged.filter(a -> a.probability >= anomaly).name("anomalies")
            .sinkTo(KafkaIo.assessments(kafka, opts.get("--anomalies-topic")))
            .uid("vigil-kafka-anomalies").name("anomalies");
      }
      if (opts.containsKey("--rejected-topic")) {
        rejected.sinkTo(KafkaIo.lines(kafka, opts.get("--rejected-topic")))
            .uid("vigil-kafka-rejected").name("rejected");
      }
    } else {
      String output = required(opts, "--output");
      assessed.map(VigilJob::json).name("to JSON")
          .sinkTo(FileSink.forRowFormat(new org.apache.flink.core.fs.Path(output),
              new SimpleStringEncoder<String>()).build()).uid("vigil-assessments-sink")
          .name("assessments");
      rejected.sinkTo(FileSink.forRowFormat(new org.apache.flink.core.fs.Path(output,
          "rejected"), new SimpleStringEncoder<String>()).build()).uid("vigil-rejected-sink")
          .name("rejected lines");
    }
  }

  /** The options the job takes (each with a value). */
  static final java.util.Set<String> OPTIONS = java.util.Set.of("--points", "--watch",
      "--output", "--kafka", "--points-topic", "--format", "--group-id",
      "--assessments-topic", "--rejected-topic", "--config", "--min-probability",
      "--registry", "--model-key", "--registry-every", "--anomalies-topic",
      "--anomaly-probability");
  /** From which probability an assessment is an anomaly, as the service's default says. */
  static final double ANOMALY_PROBABILITY = 0.999;

  private static Map<String, String> options(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!OPTIONS.contains(args[i])) {
        throw new IllegalArgumentException("unknown option '" + args[i] + "'; the job takes "
            + new java.util.TreeSet<>(OPTIONS));
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      m.put(args[i], args[++i]);
    }
    if (!m.containsKey("--kafka") && !m.containsKey("--points")) {
      throw new IllegalArgumentException("say where the points come from: --kafka HOST:PORT"
          + " --points-topic TOPIC, or --points DIR");
    }
    return m;
  }

  private static Duration duration(Map<String, String> opts, String name, String otherwise) {
    String text = opts.getOrDefault(name, otherwise);
    try {
      return io.vigil.server.config.Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private static double probability(String text) {
    try {
      double p = Double.parseDouble(text);
      if (p >= 0 && p <= 1) {
        return p;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("--min-probability must be a number from 0 to 1, not '"
        + text + "'");
  }

  private static String required(Map<String, String> opts, String name) {
    String v = opts.get(name);
    if (v == null) {
      throw new IllegalArgumentException(name + " is required");
    }
    return v;
  }
}
