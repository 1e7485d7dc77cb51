package org.migstat.schedule;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.lakehouse.RunLock;

/** The lakehouse lock: exclusive, clear when busy, broken when its holder is gone, kept alive by its heartbeat. */
class RunLockTest {
  @TempDir Path dir;
  final Configuration conf = new Configuration();
  final ExecutorService other = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    other.shutdownNow();
  }

  String root() {
    return dir.resolve("lakehouse").toString();
  }

  Path lockFile() {
    return dir.resolve("lakehouse").resolve(RunLock.LOCK_DIR).resolve(RunLock.LOCK_FILE);
  }

  /** Acquire from another thread (the same thread would re-enter its own lock). */
  Future<RunLock> acquireElsewhere(String runId, Duration wait, Duration staleAfter) {
    return other.submit(() -> RunLock.acquire(conf, root(), runId, wait, staleAfter));
  }

  static Throwable cause(Future<?> f) throws InterruptedException {
    try {
      f.get(30, TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("acquire did not return", e);
    }
  }

  @Test
  void aSecondAcquirerIsBlockedWithAMessageNamingTheHolder() throws Exception {
    try (RunLock lock = RunLock.acquire(conf, root(), "run-first", Duration.ZERO)) {
      assertTrue(Files.exists(lockFile()));
      long t0 = System.nanoTime();
      Throwable busy = cause(acquireElsewhere("run-second", Duration.ofMillis(400), RunLock.DEFAULT_STALE_AFTER));
      long waitedMs = (System.nanoTime() - t0) / 1_000_000;
      RunLock.BusyException e = assertInstanceOf(RunLock.BusyException.class, busy);
      assertTrue(waitedMs >= 400, "waited " + waitedMs + " ms");
      assertTrue(e.getMessage().contains("is busy"), e.getMessage());
      assertTrue(e.getMessage().contains("run run-first"), e.getMessage());
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
      assertTrue(e.getMessage().contains(lockFile().getFileName().toString()), e.getMessage());
      assertEquals("run-first", e.holder().runId());
      assertEquals("run-first", lock.holder().runId());
    }
    assertFalse(Files.exists(lockFile()), "close releases the lock");
    acquireElsewhere("run-second", Duration.ZERO, RunLock.DEFAULT_STALE_AFTER).get(30, TimeUnit.SECONDS).close();
  }

  @Test
  void theHolderThreadReentersAndOnlyTheOutermostCloseReleases() {
    try (RunLock outer = RunLock.acquire(conf, root(), "schedule attempt 1", Duration.ZERO)) {
      try (RunLock inner = RunLock.acquire(conf, root(), "run-inner", Duration.ZERO)) {
        assertEquals("schedule attempt 1", inner.holder().runId());
      }
      assertTrue(Files.exists(lockFile()), "inner close keeps the lock");
      assertFalse(outer.lost());
    }
    assertFalse(Files.exists(lockFile()));
  }

  @Test
  void anotherProcessKeepsItsLockByHeartbeatAndLosesItAtOnceWhenKilled() throws Exception {
    Duration staleAfter = Duration.ofSeconds(3); // the child's heartbeat: every 750 ms
    Path log = dir.resolve("child.log");
    Process child = ChildJvm.start(log, "hold-lock", root(), Long.toString(staleAfter.toMillis()));
    try {
      ChildJvm.awaitOutput(child, log, "LOCKED", Duration.ofSeconds(60));
      Instant acquired = heartbeat("acquired_at=");
      Thread.sleep(staleAfter.toMillis() + 1_500); // longer than the stale timeout: only the heartbeat keeps it
      RunLock.BusyException busy = assertThrows(RunLock.BusyException.class,
          () -> RunLock.acquire(conf, root(), "run-mine", Duration.ZERO, staleAfter));
      assertTrue(busy.getMessage().contains("pid " + child.pid()), busy.getMessage());
      assertTrue(busy.getMessage().contains("child-holder"), busy.getMessage());
      assertTrue(Duration.between(acquired, heartbeat("heartbeat_at=")).compareTo(staleAfter) >= 0,
          "the heartbeat moved on");
    } finally {
      child.destroyForcibly(); // SIGKILL: no clean-up, the lock file stays behind
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertTrue(Files.exists(lockFile()), "a crashed holder leaves its lock file");
    // Its heartbeat is still fresh, but its process is gone: broken at once.
    String err = captureStderr(() -> {
      try (RunLock lock = RunLock.acquire(conf, root(), "run-mine", Duration.ZERO, staleAfter)) {
        assertEquals("run-mine", lock.holder().runId());
      }
    });
    assertTrue(err.contains("broke a stale pipeline lock"), err);
    assertTrue(err.contains("its process " + child.pid() + " on this host is gone"), err);
  }

  private Instant heartbeat(String key) throws Exception {
    return Instant.parse(Files.readString(lockFile()).lines().filter(l -> l.startsWith(key)).findFirst()
        .orElseThrow().substring(key.length()));
  }

  @Test
  void aLockWithoutHeartbeatFromAnotherHostIsBrokenAfterTheTimeout() throws Exception {
    Instant old = Instant.now().minus(Duration.ofMinutes(10));
    writeForeignLock(old);
    String err = captureStderr(() -> {
      try (RunLock lock = RunLock.acquire(conf, root(), "run-mine", Duration.ZERO)) {
        assertEquals("run-mine", lock.holder().runId());
      }
    });
    assertTrue(err.contains("no heartbeat for"), err);
    assertTrue(err.contains("run-elsewhere"), err);

    // A foreign lock with a recent heartbeat is respected: we cannot tell whether that process lives.
    writeForeignLock(Instant.now());
    assertThrows(RunLock.BusyException.class, () -> RunLock.acquire(conf, root(), "run-mine", Duration.ZERO));
  }

  @Test
  void racingThreadsExactlyOneWins() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 25; round++) {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<RunLock>> tries = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          String id = "racer-" + round + "-" + i;
          tries.add(pool.submit(() -> {
            start.await();
            return RunLock.acquire(conf, root(), id, Duration.ZERO);
          }));
        }
        List<RunLock> winners = new ArrayList<>();
        int busy = 0;
        for (Future<RunLock> f : tries) {
          Throwable t = cause(f);
          if (t == null) {
            winners.add(f.get());
          } else {
            assertInstanceOf(RunLock.BusyException.class, t);
            busy++;
          }
        }
        assertEquals(1, winners.size(), "round " + round + ": winners " + winners);
        assertEquals(threads - 1, busy);
        assertTrue(Files.readString(lockFile()).contains("run_id=" + winners.get(0).holder().runId()));
        winners.get(0).close();
        assertFalse(Files.exists(lockFile()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void throughHadoopFileSystemIoTheLockBlocksAndIsBrokenWhenStale() throws Exception {
    // The code path HDFS and object stores take (create(path, false)), here on the local file system.
    conf.setBoolean(RunLock.NATIVE_LOCAL_IO, false);
    try (RunLock lock = RunLock.acquire(conf, root(), "run-hadoop", Duration.ZERO)) {
      Throwable busy = cause(acquireElsewhere("run-second", Duration.ZERO, RunLock.DEFAULT_STALE_AFTER));
      assertInstanceOf(RunLock.BusyException.class, busy);
      assertTrue(busy.getMessage().contains("run-hadoop"), busy.getMessage());
    }
    assertFalse(Files.exists(lockFile()));
    writeForeignLock(Instant.now().minus(Duration.ofMinutes(5)));
    captureStderr(() -> RunLock.acquire(conf, root(), "run-after", Duration.ZERO).close());
    assertFalse(Files.exists(lockFile()));
  }

  @Test
  void observeReportsTheHolderForStatus() {
    assertTrue(RunLock.observe(conf, root(), RunLock.DEFAULT_STALE_AFTER).isEmpty());
    try (RunLock lock = RunLock.acquire(conf, root(), "run-observed", Duration.ZERO)) {
      RunLock.Observed o = RunLock.observe(conf, root(), RunLock.DEFAULT_STALE_AFTER).orElseThrow();
      assertEquals("run-observed", o.holder().runId());
      assertNull(o.staleReason());
    }
  }

  private void writeForeignLock(Instant heartbeat) throws Exception {
    Files.createDirectories(lockFile().getParent());
    Files.writeString(lockFile(), String.join("\n",
        "token=foreign-" + heartbeat.toEpochMilli(),
        "run_id=run-elsewhere",
        "host=some-other-host.example.org",
        "pid_namespace=pid:[1]",
        "pid=4242",
        "acquired_at=" + heartbeat,
        "heartbeat_at=" + heartbeat, ""));
    Files.setLastModifiedTime(lockFile(), FileTime.from(heartbeat));
    Files.deleteIfExists(lockFile().resolveSibling("." + RunLock.LOCK_FILE + ".crc"));
  }

  static String captureStderr(Runnable r) {
    PrintStream saved = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setErr(saved);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
