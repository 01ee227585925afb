package io.vigil.server.api;

import io.javalin.http.Context;
import io.vigil.series.Timestamps;
import io.vigil.server.config.Durations;
import io.vigil.server.engine.DetectionEngine;
import io.vigil.server.engine.SeriesView;
import java.time.Duration;

/**
 * Reading a request's path and query parameters, one rule each, the same for every route: a
 * problem is a 400 naming the parameter and what it should be; an unknown series a 404.
 */
final class RequestParams {
  private static final int DEFAULT_LIMIT = 10_000;
  private static final int MAX_LIMIT = 100_000;

  private RequestParams() {}

  /** The series a path or query names by id: 400 when it is not a number, 404 unknown. */
  static SeriesView seriesOf(DetectionEngine engine, String id) {
    long n;
    try {
      n = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new ApiException(400, "series id must be a number, was '" + id + "'");
    }
    return engine.view(n).orElseThrow(() -> new ApiException(404, "no series " + n));
  }

  static long time(Context ctx, String param, long otherwise) {
    String t = ctx.queryParam(param);
    if (t == null || t.isBlank()) {
      return otherwise;
    }
    try {
      return Timestamps.parseMillis(t);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, param + ": " + e.getMessage());
    }
  }

  /** A positive duration query parameter ({@code 30d}, {@code 2h}), or {@code otherwise}. */
  static Duration duration(Context ctx, String param, Duration otherwise) {
    String text = ctx.queryParam(param);
    if (text == null) {
      return otherwise;
    }
    try {
      Duration d = Durations.parse(text);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("must be positive");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, param + ": " + e.getMessage());
    }
  }

  static int limit(Context ctx) {
    String l = ctx.queryParam("limit");
    if (l == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(l);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiException(400, "limit must be an integer from 1 to " + MAX_LIMIT + ", was '"
        + l + "'");
  }

  /** A whole-number query parameter from {@code min} to {@code max}, or {@code otherwise}. */
  static int bounded(Context ctx, String param, int otherwise, int min, int max) {
    String text = ctx.queryParam(param);
    if (text == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new ApiException(400, param + " must be a whole number from " + min + " to " + max
        + ", was '" + text + "'");
  }
}
