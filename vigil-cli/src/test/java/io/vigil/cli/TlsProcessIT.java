package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's TLS lines as a user runs them: openssl makes a certificate, {@code vigil serve}
 * answers HTTPS with it, and the client commands trust it through {@code $VIGIL_CA_FILE}.
 */
class TlsProcessIT {
  private static final Pattern LISTENING = Pattern.compile("listening on https://[^:]+:(\\d+)");

  @TempDir Path dir;

  private static boolean openssl() {
    try {
      return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private record Run(int exit, String output) {}

  private Run vigil(String caFile, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("java", "-jar",
        System.getProperty("vigil.jar")));
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.environment().remove("VIGIL_CA_FILE");
    if (caFile != null) {
      b.environment().put("VIGIL_CA_FILE", caFile);
    }
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  @Test
  void servesHttpsWithAnOpensslCertificate_andTheClientTrustsItByCaFile() throws Exception {
    assumeTrue(openssl(), "openssl is not installed here");
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    Process gen = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-keyout", key.toString(),
        "-out", cert.toString(), "-subj", "/CN=localhost", "-addext",
        "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
    gen.getInputStream().readAllBytes();
    assertThat(gen.waitFor()).isZero();

    Path log = dir.resolve("serve.log");
    Process serve = new ProcessBuilder("java", "-jar", System.getProperty("vigil.jar"), "serve",
        "--port", "0", "--data-dir", dir.resolve("data").toString(), "--tls-cert",
        cert.toString(), "--tls-key", key.toString()).redirectError(log.toFile()).start();
    try {
      String line = new BufferedReader(new InputStreamReader(serve.getInputStream(),
          StandardCharsets.UTF_8)).readLine();
      assertThat(line).as("log: %s", Files.exists(log) ? Files.readString(log) : "")
          .isNotNull();
      Matcher m = LISTENING.matcher(line);
      assertThat(m.find()).as(line).isTrue();
      String url = "https://127.0.0.1:" + m.group(1);

      Run trusted = vigil(cert.toString(), "model", "list", "--server", url);
      assertThat(trusted.exit()).as(trusted.output()).isZero();
      assertThat(trusted.output()).contains("SERIES");

      Run untrusted = vigil(null, "model", "list", "--server", url);
      assertThat(untrusted.exit()).isEqualTo(1);
      assertThat(untrusted.output()).contains("no TLS with " + url, "set $VIGIL_CA_FILE")
          .doesNotContain("sun.security", "Exception");
    } finally {
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
