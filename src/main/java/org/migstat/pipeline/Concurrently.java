package org.migstat.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent Spark actions (one table each) from a few driver threads. Spark schedules the jobs
 * side by side, so the many small ones of a run — Delta log reads, commits, tiny aggregations — overlap
 * their latencies instead of queueing, and large ones share the executors. Results keep the input order;
 * the first failure (in input order) is rethrown as it was thrown, after every task has ended.
 */
public final class Concurrently {
  private Concurrently() {}

  /** How many tables are worked on at once: a few, whatever the cores (the gain is overlap, not CPU). */
  public static final int THREADS = Integer.getInteger("migstat.concurrent.tables", 4);

  public static <T, R> List<R> map(List<T> items, Function<T, R> work) {
    if (items.size() <= 1 || THREADS <= 1) {
      return items.stream().map(work).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, items.size()), r -> {
      Thread t = new Thread(r, "migstat-table");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<R> out = new ArrayList<>();
      Throwable first = null;
      for (Future<R> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          first = first == null ? e.getCause() : first;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          pool.shutdownNow();
          throw new IllegalStateException("interrupted while tables were being written", e);
        }
      }
      if (first != null) {
        throw Concurrently.<RuntimeException>sneaky(first);
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  public static <T> void forEach(List<T> items, java.util.function.Consumer<T> work) {
    map(items, t -> {
      work.accept(t);
      return Boolean.TRUE;
    });
  }

  /** Rethrows as thrown: Spark's AnalysisException is checked in Java but thrown unchecked through Scala. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
