package org.migstat.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Compresses on other cores while the generator thread goes on making rows. Each file's chunks are
 * chained one after the other, so every gzip stream sees the same bytes in the same order whatever
 * the threads do: the output stays byte-for-byte deterministic. A bound on the bytes in flight keeps
 * memory flat at any scale.
 */
final class Compressor implements AutoCloseable {
  private static final int MAX_BYTES_IN_FLIGHT = 32 << 20;

  private final ExecutorService pool;
  private final Semaphore inFlight = new Semaphore(MAX_BYTES_IN_FLIGHT);
  /** Deflate level of every file; the bundled samples use 9 (they live in the repository). */
  final int level;

  Compressor(int level) {
    this.level = level;
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    this.pool = Executors.newFixedThreadPool(threads, task -> {
      Thread t = new Thread(task, "migstat-gzip");
      t.setDaemon(true);
      return t;
    });
  }

  /** Writes {@code bytes} to {@code out} once everything before it ({@code previous}) is written. */
  CompletableFuture<Void> after(CompletableFuture<Void> previous, OutputStream out, byte[] bytes) {
    inFlight.acquireUninterruptibly(bytes.length);
    return previous.handleAsync((ok, failure) -> {
      try {
        if (failure == null) {
          out.write(bytes);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        inFlight.release(bytes.length);
      }
      if (failure != null) {
        throw failure instanceof CompletionException c ? c : new CompletionException(failure);
      }
      return null;
    }, pool);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
