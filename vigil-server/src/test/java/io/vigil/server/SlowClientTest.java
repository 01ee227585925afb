package io.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send their body a byte at a time hold their own connection, not the ingest
 * slots everyone else needs, and are cut off once slower than the minimum data rate.
 */
class SlowClientTest {
  @TempDir Path dir;

  @Test
  void slowBodiesDoNotBlockIngest_andAreCutOff() throws Exception {
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < 12; i++) { // more than the 8 ingest slots
          Socket s = new Socket("127.0.0.1", server.port());
          s.setSoTimeout(20_000);
          OutputStream out = s.getOutputStream();
          out.write(("POST /api/v1/points HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:"
              + " application/json\r\nContent-Length: 1000\r\n\r\n[").getBytes(
                  StandardCharsets.US_ASCII));
          out.flush();
          slow.add(s);
        }
        // A well-behaved client is served while they dawdle.
        var ok = http.post("/api/v1/points", "[{\"series\":\"cpu\",\"timestamp\":"
            + "\"2026-01-01T00:00:00Z\",\"value\":1}]");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        // Keep trickling a byte every 2 s: the server gives up on them (an error answer or
        // a closed connection), well before their 1000 bytes could arrive.
        int cut = 0;
        for (int round = 0; round < 10 && cut < slow.size(); round++) {
          Thread.sleep(2000);
          cut = 0;
          for (Socket s : slow) {
            if (trickleRefused(s)) {
              cut++;
            }
          }
        }
        assertThat(cut).isEqualTo(slow.size());
        assertThat(http.post("/api/v1/points", "[{\"series\":\"cpu\",\"timestamp\":"
            + "\"2026-01-01T00:01:00Z\",\"value\":2}]").status()).isEqualTo(200);
      } finally {
        for (Socket s : slow) {
          s.close();
        }
      }
    }
  }

  /**
   * Sends one more byte; true when the server has answered (408, said in words) or closed the
   * connection.
   */
  private static boolean trickleRefused(Socket s) {
    try {
      InputStream in = s.getInputStream();
      if (in.available() > 0) {
        String answer = new String(in.readNBytes(in.available()), StandardCharsets.US_ASCII);
        assertThat(answer).startsWith("HTTP/1.1 408").contains("slower than 512 bytes a second");
        return true;
      }
      s.getOutputStream().write(' ');
      s.getOutputStream().flush();
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
