package io.vigil.server.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failed authentications per client address in one-minute windows and says when an
 * address has failed too often: guessing tokens is then refused outright (429) instead of
 * costing a slow hash each, which would otherwise let anyone keep the CPU busy.
 *
 * <p>A whole address waits out its minute, even for a right token: behind one proxy or NAT,
 * the guesser's neighbours wait too. At most {@value #MAX_ADDRESSES} addresses are tracked;
 * past that, windows that ended are dropped first.
 */
public final class FailedLogins {
  /** Failures per address per minute before it is refused. */
  public static final int LIMIT = 20;
  static final long WINDOW_MS = 60_000;
  static final int MAX_ADDRESSES = 10_000;

  private record Window(long startMs, int failures) {}

  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private final LongSupplier clock;

  public FailedLogins(LongSupplier clock) {
    this.clock = clock;
  }

  /** Milliseconds {@code address} must still wait, or 0 when it may try. */
  public long waitMs(String address) {
    Window w = windows.get(address);
    long now = clock.getAsLong();
    if (w == null || now - w.startMs() >= WINDOW_MS || w.failures() < LIMIT) {
      return 0;
    }
    return w.startMs() + WINDOW_MS - now;
  }

  /** Records a failed authentication from {@code address}. */
  public void failed(String address) {
    long now = clock.getAsLong();
    if (windows.size() >= MAX_ADDRESSES) {
      windows.values().removeIf(w -> now - w.startMs() >= WINDOW_MS);
    }
    windows.merge(address, new Window(now, 1), (old, one) -> now - old.startMs() >= WINDOW_MS
        ? one : new Window(old.startMs(), old.failures() + 1));
  }
}
