package io.vigil.flink;

import io.vigil.server.config.NotifierTarget;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the job's alerts ({@link JobAlerts}) to the configuration's Alertmanagers, as the
 * service sends its own (same endpoint, TLS, authorization: {@link NotifierTarget#post}): in
 * batches of up to {@value #BATCH}, at least every {@value #EVERY_MS} ms while alerts come,
 * at every checkpoint and at the end; each Alertmanager tried up to its {@code maxAttempts}
 * with back-off. An alert that still cannot be delivered is logged and dropped: the next
 * anomaly of its series sends it again, and Alertmanager deduplicates.
 */
public final class AlertmanagerSink implements Sink<String> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerSink.class);
  static final int BATCH = 500;
  static final long EVERY_MS = 5_000;

  private final DetectorChoice config;

  public AlertmanagerSink(DetectorChoice config) {
    this.config = config;
  }

  @Override
  public SinkWriter<String> createWriter(WriterInitContext context) {
    return new Writer(config.alertmanagers());
  }

  private static final class Writer implements SinkWriter<String> {
    private final List<NotifierTarget> targets;
    private final Map<NotifierTarget, HttpClient> clients = new HashMap<>();
    private final List<String> pending = new ArrayList<>();
    private long sentAtMs = System.currentTimeMillis();

    Writer(List<NotifierTarget> targets) {
      this.targets = targets;
    }

    @Override
    public void write(String alert, Context context) throws InterruptedException {
      pending.add(alert);
      if (pending.size() >= BATCH || System.currentTimeMillis() - sentAtMs >= EVERY_MS) {
        send();
      }
    }

    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
      send();
    }

    private void send() throws InterruptedException {
      sentAtMs = System.currentTimeMillis();
      if (pending.isEmpty()) {
        return;
      }
      String body = "[" + String.join(",", pending) + "]";
      int alerts = pending.size();
      pending.clear();
      for (NotifierTarget t : targets) {
        HttpClient client = clients.computeIfAbsent(t, x -> x.http().client());
        String error = "";
        for (int attempt = 1; attempt <= t.maxAttempts(); attempt++) {
          try {
            HttpResponse<String> r = client.send(t.post(body),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
              error = "";
              break;
            }
            error = "HTTP " + r.statusCode() + ": " + r.body().strip();
          } catch (IOException e) {
            error = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
          }
          if (attempt < t.maxAttempts()) {
            Thread.sleep(Math.min(30_000L, 1000L << Math.min(attempt - 1, 14)));
          }
        }
        if (!error.isEmpty()) {
          LOG.warn("gave up telling {} about {} alerts: {}", t.redacted(), alerts, error);
        }
      }
    }

    @Override
    public void close() {
      try {
        send();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // stopping: what was not sent is sent again later
      }
    }
  }
}
