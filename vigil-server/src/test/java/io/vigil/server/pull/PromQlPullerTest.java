package io.vigil.server.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.vigil.server.config.PullQuery;
import io.vigil.server.engine.IncomingPoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PromQL pull against a stand-in for Prometheus' query_range API. */
class PromQlPullerTest {
  private HttpServer prometheus;
  private final List<String> queries = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);

  @BeforeEach
  void start() throws IOException {
    prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    prometheus.createContext("/api/v1/query_range", ex -> {
      queries.add(URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
      byte[] body = (status.get() == 200 ? """
          {"status":"success","data":{"resultType":"matrix","result":[
            {"metric":{"job":"api","instance":"a:1"},"values":[[1700000000,"1.5"],
              [1700000060,"NaN"],[1700000120,"2.5"]]},
            {"metric":{"job":"api","instance":"b:1"},"values":[[1700000000,"7"]]}]}}
          """ : """
          {"status":"error","errorType":"bad_data","error":"parse error at char 5"}
          """).getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status.get(), body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    prometheus.start();
  }

  @AfterEach
  void stop() {
    prometheus.stop(0);
  }

  private PromQlPuller puller(List<IncomingPoint> sink, long[] now) {
    return new PromQlPuller(new PullQuery(URI.create("http://127.0.0.1:"
        + prometheus.getAddress().getPort()), "sum by (job, instance) (rate(req_total[5m]))",
        Duration.ofMinutes(5), Duration.ofMinutes(1), "req_rate"), sink::addAll, () -> now[0]);
  }

  @Test
  void resultsBecomePoints_andTheNextAskStartsWhereThisEnded() throws Exception {
    List<IncomingPoint> sink = new ArrayList<>();
    long[] now = {1_700_000_150_000L};
    PromQlPuller p = puller(sink, now);
    assertThat(p.pullOnce()).isEqualTo(3); // the NaN is left out
    assertThat(queries.get(0)).contains("query=sum by (job, instance) (rate(req_total[5m]))")
        .contains("start=1699999800").contains("end=1700000100").contains("step=60");
    assertThat(sink.get(0).key().name()).isEqualTo("req_rate");
    assertThat(sink.get(0).key().labels()).containsEntry("instance", "a:1");
    assertThat(sink.get(1).timestampMs()).isEqualTo(1_700_000_120_000L);
    assertThat(sink.get(1).value()).isEqualTo(2.5);
    now[0] += 300_000;
    p.pullOnce();
    assertThat(queries.get(1)).contains("start=1700000160").contains("end=1700000400");
  }

  @Test
  void anError_isReported_andTheSameRangeIsAskedAgain() throws Exception {
    List<IncomingPoint> sink = new ArrayList<>();
    long[] now = {1_700_000_150_000L};
    PromQlPuller p = puller(sink, now);
    status.set(400);
    assertThatThrownBy(p::pullOnce).isInstanceOf(IOException.class)
        .hasMessageContaining("parse error at char 5");
    status.set(200);
    now[0] += 60_000;
    p.pullOnce();
    assertThat(queries.get(1)).contains("start=1699999800").contains("end=1700000160");
  }
}
