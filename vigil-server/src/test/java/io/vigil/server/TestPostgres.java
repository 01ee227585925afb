package io.vigil.server;

import io.vigil.server.store.StoreLocation;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server for the tests, started once per test run by the project's script
 * ({@code scripts/postgres-test-server.sh}: Debian's PostgreSQL, initdb into a temporary
 * directory, 127.0.0.1 only, password authentication) and stopped when the run ends. Each
 * caller gets a database of its own. Where PostgreSQL is not installed the calling test is
 * skipped, saying so.
 */
public final class TestPostgres {
  /** The role's password: the tests' URLs carry it, as a user's may. */
  public static final String PASSWORD = "vigil-test-password";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static String failure;
  private static int port;

  private TestPostgres() {}

  /**
   * One test's database, made on its first use (the test is skipped without PostgreSQL), so
   * that the service a test restarts finds its data again.
   */
  public static final class PerTest {
    private String url;

    /** The database's URL, as {@code --store} takes it. */
    public String url() {
      if (url == null) {
        url = freshDatabaseUrl();
      }
      return url;
    }

    public StoreLocation location() {
      return StoreLocation.parse(url(), null);
    }
  }

  /** A new, empty database's location on the shared server (skips the test without one). */
  public static StoreLocation freshDatabase() {
    return StoreLocation.parse(freshDatabaseUrl(), null);
  }

  /** A new, empty database's URL, as {@code vigil serve --store} takes it. */
  public static synchronized String freshDatabaseUrl() {
    start();
    Assumptions.assumeTrue(failure == null, failure);
    String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(jdbc("vigil"), "vigil", PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(),
          e);
    }
    return url(name);
  }

  /** The libpq URL of {@code database}, password included, as {@code --store} takes it. */
  public static String url(String database) {
    return "postgresql://vigil:" + PASSWORD + "@127.0.0.1:" + port + "/" + database;
  }

  private static String jdbc(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  private static void start() {
    if (port != 0 || failure != null) {
      return;
    }
    Path script = script();
    if (script == null) {
      failure = "scripts/postgres-test-server.sh not found";
      return;
    }
    try {
      Path dir = Files.createTempDirectory("vigil-postgres");
      try (ServerSocket free = new ServerSocket(0, 1,
          java.net.InetAddress.getLoopbackAddress())) {
        port = free.getLocalPort();
      }
      Process p = new ProcessBuilder("sh", script.toString(), "start", dir.toString(),
          Integer.toString(port), PASSWORD).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        failure = "no PostgreSQL to test against: " + out.strip().lines().findFirst()
            .orElse("the start script failed");
        port = 0;
        return;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          new ProcessBuilder("sh", script.toString(), "stop", dir.toString()).start()
              .waitFor(60, TimeUnit.SECONDS);
          deleteTree(dir);
        } catch (IOException | InterruptedException e) {
          // the run is ending; a leftover temporary directory is all that remains
        }
      }));
    } catch (IOException e) {
      failure = "cannot start PostgreSQL: " + e.getMessage();
      port = 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = "interrupted while starting PostgreSQL";
      port = 0;
    }
  }

  /** The script, found from the module's or the project's directory. */
  private static Path script() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path s = dir.resolve("scripts/postgres-test-server.sh");
      if (Files.isRegularFile(s)) {
        return s;
      }
    }
    return null;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
