package dev.sio.bench.internal;

import io.netty.util.concurrent.FastThreadLocal;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One {@link Histogram} per event loop thread, so recording takes no lock and no shared cache line;
 * {@link #merged()} adds them up once the loops are quiet (after {@link
 * LoadTransport#onEveryLoop}).
 */
public final class LoopHistograms {
  private final Queue<Histogram> all = new ConcurrentLinkedQueue<>();
  private final FastThreadLocal<Histogram> local =
      new FastThreadLocal<>() {
        @Override
        protected Histogram initialValue() {
          Histogram h = new Histogram();
          all.add(h);
          return h;
        }
      };

  /** The calling thread's histogram. */
  public Histogram current() {
    return local.get();
  }

  /** The sum of every thread's histogram; call when the recording threads are quiet. */
  public Histogram merged() {
    Histogram sum = new Histogram();
    for (Histogram h : all) {
      sum.add(h);
    }
    return sum;
  }
}
