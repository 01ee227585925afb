package io.vigil.flink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker for the tests: the server jar from Maven Central (the version the
 * connector speaks) in KRaft mode, one node as broker and controller, on 127.0.0.1 only,
 * its logs in a temporary directory; started once per test run in a process of its own and
 * stopped when the run ends.
 */
final class TestKafka {
  private static String bootstrap;

  private TestKafka() {}

  /** The broker's address, starting it on first use. */
  static synchronized String bootstrap() throws Exception {
    if (bootstrap == null) {
      start();
    }
    return bootstrap;
  }

  /** Creates {@code topic} with {@code partitions} partitions. */
  static void createTopic(String topic, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap()))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void start() throws Exception {
    Path dir = Files.createTempDirectory("vigil-kafka");
    int broker = freePort();
    int controller = freePort();
    Path properties = dir.resolve("server.properties");
    Files.writeString(properties, String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controller,
        "listeners=PLAINTEXT://127.0.0.1:" + broker + ",CONTROLLER://127.0.0.1:" + controller,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + broker,
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name=PLAINTEXT",
        "log.dirs=" + dir.resolve("logs"),
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=false", ""));
    String classPath = System.getProperty("java.class.path");
    Process format = new ProcessBuilder("java", "-cp", classPath, "kafka.tools.StorageTool",
        "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
    if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
      throw new IllegalStateException("cannot format Kafka's storage: "
          + Files.readString(dir.resolve("format.log")));
    }
    Process server = new ProcessBuilder("java", "-Xmx512m", "-cp", classPath, "kafka.Kafka",
        properties.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.destroy();
      try {
        server.waitFor(30, TimeUnit.SECONDS);
        try (var paths = Files.walk(dir)) {
          for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the run is ending; a leftover temporary directory is all that remains
      }
    }));
    String address = "127.0.0.1:" + broker;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      if (!server.isAlive()) {
        throw new IllegalStateException("Kafka stopped: " + Files.readString(
            dir.resolve("server.log")));
      }
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
          address, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        break;
      } catch (Exception e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Kafka did not start within 2 minutes: "
              + Files.readString(dir.resolve("server.log")), e);
        }
        Thread.sleep(200);
      }
    }
    bootstrap = address;
  }
}
