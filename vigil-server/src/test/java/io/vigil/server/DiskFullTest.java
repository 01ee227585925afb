package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a small file system that fills up, for real: a tmpfs mounted by the test. A
 * batch refused with 503 leaves no trace, health says the store cannot write, the running
 * server recovers once space is freed, and the store restarts with every acknowledged point.
 * Needs root (mount); skipped otherwise.
 */
class DiskFullTest {
  private static final long START = 1_700_000_000_000L;
  private static final int BATCH = 5000;

  @TempDir Path dir;
  private Path mount;

  @BeforeEach
  void mountSmallFileSystem() throws Exception {
    mount = dir.resolve("small");
    Files.createDirectories(mount);
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs",
        mount.toString()).redirectErrorStream(true).start();
    boolean done = p.waitFor(20, TimeUnit.SECONDS);
    String said = new String(p.getInputStream().readAllBytes()).strip();
    Assumptions.assumeTrue(done && p.exitValue() == 0,
        "skipped: mounting a 32 MB tmpfs needs root (" + said + ")");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(20, TimeUnit.SECONDS);
    }
  }

  /** 5000 points: 100 minutes of 50 series of host group {@code group}. */
  private static String batch(int group, int from, Random random) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < BATCH; i++) {
      b.append(i == 0 ? "" : ",").append("{\"series\":\"disk_io\",\"labels\":{\"host\":\"h")
          .append(group * 50 + i % 50).append("\"},\"timestamp\":")
          .append(START + (from + i / 50) * 60_000L)
          .append(",\"value\":").append(100 + random.nextGaussian()).append('}');
    }
    return b.append(']').toString();
  }

  private static long storedPoints(HttpClientSupport http) {
    long n = 0;
    for (JsonNode s : http.get("/api/v1/series").json().get("series")) {
      n += s.get("points").asLong();
    }
    return n;
  }

  @Test
  void aFullDisk_refusesWithoutTrace_reportsIt_andRecovers() throws Exception {
    for (int trial = 0; trial < 3; trial++) {
      Path filler = mount.resolve("filler");
      Path data = mount.resolve("data" + trial);
      // Leave the store 1.5 to 6 MB, so that it fills up at different steps of a write.
      long room = new long[] {3 << 20, 3 << 19, 6 << 20}[trial];
      // The last trial keeps 2 MiB free (server.minFreeSpace): refused before SQLite fails.
      long keepFree = trial == 2 ? 2 << 20 : 0;
      long free = Files.getFileStore(mount).getUsableSpace();
      Files.write(filler, new byte[(int) Math.max(0, free - room)]);
      long acknowledged = 0;
      Random random = new Random(trial);
      ServerConfig settings = ServerConfig.defaults().withAddress("127.0.0.1", 0)
          .withDataDir(data).withLimits(keepFree, ServerConfig.DEFAULT_MAX_SERIES);
      try (VigilServer server = VigilServer.start(settings)) {
        HttpClientSupport http = new HttpClientSupport(server.port());
        int refusedAt = -1;
        for (int b = 0; b < 200 && refusedAt < 0; b++) {
          var r = http.post("/api/v1/points", batch(b % 4, (b / 4) * 100, random));
          if (r.status() == 200) {
            acknowledged += r.json().get("accepted").asLong();
          } else {
            assertThat(r.status()).as(r.body()).isEqualTo(503);
            assertThat(r.json().get("error").asText()).contains("nothing of this request was"
                + " kept").contains(keepFree > 0 ? "kept free (server.minFreeSpace)" : "full");
            refusedAt = b;
          }
        }
        assertThat(refusedAt).as("the disk filled up").isPositive();
        // What the refusal freed (a checkpointed log) is taken too: no write can succeed.
        Path rest = mount.resolve("rest");
        fillUp(rest);
        Thread.sleep(1500); // the background probe has tried again
        var health = http.get("/healthz");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("status").asText()).isEqualTo("store cannot write");
        assertThat(http.get("/metrics").body()).contains("vigil_store_writable 0.0");
        // Nothing of the refused batch was kept (readers may fail while the disk is full;
        // the count is read once space is back, below).
        Files.delete(filler);
        Files.delete(rest);
        awaitHealthy(http);
        assertThat(storedPoints(http)).isEqualTo(acknowledged);
        // The running server takes the refused batch on its resend.
        var again = http.post("/api/v1/points", batch(refusedAt % 4, (refusedAt / 4) * 100,
            new Random(-1)));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        acknowledged += again.json().get("accepted").asLong();
        assertThat(storedPoints(http)).isEqualTo(acknowledged);
      }
      try (VigilServer restarted = VigilServer.start(settings)) {
        HttpClientSupport http = new HttpClientSupport(restarted.port());
        assertThat(http.get("/healthz").status()).isEqualTo(200);
        assertThat(storedPoints(http)).isEqualTo(acknowledged);
      }
      deleteTree(data);
    }
  }

  private static void fillUp(Path file) throws IOException {
    byte[] block = new byte[64 << 10];
    try (var out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      // no space left: as intended
    }
    try (var out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
      while (true) {
        out.write(0);
        out.flush();
      }
    } catch (IOException full) {
      // not a byte more
    }
  }

  private static void awaitHealthy(HttpClientSupport http) throws InterruptedException {
    for (int i = 0; i < 100 && http.get("/healthz").status() != 200; i++) {
      Thread.sleep(100);
    }
    assertThat(http.get("/healthz").status()).isEqualTo(200);
  }

  private static void deleteTree(Path p) throws IOException {
    try (var walk = Files.walk(p)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
