package org.migstat.lakehouse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Never two pipeline runs at once against the same lakehouse: an exclusive lock file
 * {@code <root>/_locks/pipeline.lock} naming its holder (run id, host, pid, acquired-at) with a heartbeat
 * that a daemon thread refreshes every few seconds.
 *
 * <p>A lock survives a crashed holder: it is <em>stale</em>, and the next acquirer breaks it, when its
 * heartbeat is older than {@code staleAfter} (default 60 s), or when its holder ran on this host and that
 * process is gone. Breaking is itself guarded by a short-lived {@code pipeline.lock.breaking} file, so two
 * processes that both see a stale lock cannot both take it; the winner re-reads the file to confirm its
 * ownership.
 *
 * <p>The file is created atomically: with {@code java.nio} {@code CREATE_NEW} on a local disk (Hadoop's
 * local file system checks and creates in two steps), with {@code FileSystem.create(path, false)} elsewhere
 * (atomic on HDFS; on object stores without conditional writes the re-read narrows, but cannot close, the
 * window).
 *
 * <p>Re-entrant per thread: a thread that holds the lock may acquire it again (the pipeline takes it in
 * {@code RunJob} while the scheduler already holds it for the attempt); only the outermost close releases it.
 */
public final class RunLock implements AutoCloseable {
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(60);
  public static final String LOCK_DIR = "_locks";
  public static final String LOCK_FILE = "pipeline.lock";
  /** Hadoop configuration switch: false forces Hadoop FileSystem I/O even for local paths (tests). */
  public static final String NATIVE_LOCAL_IO = "migstat.lock.native-local-io";

  /** Locks this JVM holds, by lock-file location: the re-entrancy record. */
  private static final Map<String, RunLock> HELD = new ConcurrentHashMap<>();
  /** Tokens of locks this JVM holds or is about to write: how a lock file naming this pid is known to be live. */
  private static final Set<String> LIVE_TOKENS = ConcurrentHashMap.newKeySet();

  /** Who holds a lock, as written in the lock file. */
  public record Holder(String token, String runId, String host, String pidNamespace, long pid, Instant acquiredAt,
                       Instant heartbeatAt) {
    /** e.g. "run run-2024... (host etl-1, pid 4242) since 2024-03-01T02:00:00Z, last heartbeat 3 s ago". */
    public String describe(Instant now) {
      return "run " + runId + " (host " + host + ", pid " + pid + ") since " + acquiredAt
          + ", last heartbeat " + Math.max(0, Duration.between(heartbeatAt, now).toSeconds()) + " s ago";
    }

    String text() {
      Properties p = new Properties();
      p.setProperty("token", token);
      p.setProperty("run_id", runId);
      p.setProperty("host", host);
      p.setProperty("pid_namespace", pidNamespace);
      p.setProperty("pid", Long.toString(pid));
      p.setProperty("acquired_at", acquiredAt.toString());
      p.setProperty("heartbeat_at", heartbeatAt.toString());
      StringBuilder sb = new StringBuilder(
          "# migstat pipeline lock. Delete it only when no migstat run uses this lakehouse; a stale lock is\n"
              + "# broken automatically (holder process gone, or no heartbeat for the stale timeout).\n");
      p.stringPropertyNames().stream().sorted().forEach(k -> sb.append(k).append('=')
          .append(p.getProperty(k).replace("\\", "\\\\")).append('\n'));
      return sb.toString();
    }

    /** Parses a lock file; empty when it is being written or is not a lock file. */
    static Optional<Holder> parse(String text) {
      Properties p = new Properties();
      try {
        p.load(new StringReader(text));
        return Optional.of(new Holder(req(p, "token"), req(p, "run_id"), req(p, "host"),
            p.getProperty("pid_namespace", ""), Long.parseLong(req(p, "pid")),
            Instant.parse(req(p, "acquired_at")), Instant.parse(req(p, "heartbeat_at"))));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }

    private static String req(Properties p, String key) {
      String v = p.getProperty(key);
      if (v == null) {
        throw new IllegalArgumentException("missing " + key);
      }
      return v;
    }

    Holder beat(Instant at) {
      return new Holder(token, runId, host, pidNamespace, pid, acquiredAt, at);
    }
  }

  /** The lakehouse is busy: another run holds the lock. The message names the holder. */
  public static final class BusyException extends IllegalStateException {
    private final transient Holder holder;

    BusyException(String message, Holder holder) {
      super(message);
      this.holder = holder;
    }

    /** The holder seen last; null when the lock file could not be read. */
    public Holder holder() {
      return holder;
    }
  }

  private final Files2 io;
  private final String key;
  private final String lakehouseRoot;
  private final RunLock outer;
  private final Thread owner;
  private volatile Holder holder;
  private volatile boolean lost;
  private volatile boolean released;
  private ScheduledExecutorService heartbeat;

  private RunLock(Files2 io, String key, String lakehouseRoot, Holder holder, RunLock outer) {
    this.io = io;
    this.key = key;
    this.lakehouseRoot = lakehouseRoot;
    this.holder = holder;
    this.outer = outer;
    this.owner = Thread.currentThread();
  }

  /** {@link #acquire(Configuration, String, String, Duration, Duration)} with the default 60 s stale timeout. */
  public static RunLock acquire(Configuration hadoopConf, String lakehouseRoot, String runId, Duration wait) {
    return acquire(hadoopConf, lakehouseRoot, runId, wait, DEFAULT_STALE_AFTER);
  }

  /**
   * Takes the pipeline lock of a lakehouse, waiting up to {@code wait} for a running holder to finish, and
   * breaking a stale lock on the way.
   *
   * @param runId      what the lock file names as its holder (a run id, or e.g. "schedule 2024-03-01 attempt 2")
   * @param wait       how long to wait for a live holder; {@code Duration.ZERO} = fail at once
   * @param staleAfter a holder whose heartbeat is older than this is presumed dead; also sets the heartbeat
   *                   period (a quarter of it, at most 5 s)
   * @throws BusyException when a live holder still has the lock after {@code wait}
   */
  public static RunLock acquire(Configuration hadoopConf, String lakehouseRoot, String runId, Duration wait,
                                Duration staleAfter) {
    Files2 io = Files2.of(hadoopConf, lakehouseRoot, true);
    String key = io.lock.toString();
    synchronized (HELD) {
      RunLock held = HELD.get(key);
      if (held != null && held.owner == Thread.currentThread() && !held.released) {
        return new RunLock(io, key, lakehouseRoot, held.holder, held);
      }
    }
    long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
    Holder last = null;
    while (true) {
      Instant now = Instant.now();
      Holder mine = new Holder(UUID.randomUUID().toString(), runId, Identity.HOST, Identity.PID_NAMESPACE,
          Identity.PID, now, now);
      LIVE_TOKENS.add(mine.token());
      boolean won = false;
      try {
        if (io.createNew(io.lock, mine.text())) {
          // Re-read: on file systems where create-if-absent is not atomic, the last writer wins.
          Optional<Holder> check = io.read(io.lock).flatMap(Holder::parse);
          if (check.isPresent() && check.get().token().equals(mine.token())) {
            RunLock lock = new RunLock(io, key, lakehouseRoot, mine, null);
            HELD.put(key, lock);
            lock.startHeartbeat(heartbeatPeriod(staleAfter));
            won = true;
            return lock;
          }
          continue;
        }
        Optional<String> text = io.read(io.lock);
        if (text.isEmpty()) {
          continue; // released between our create and our read: try again at once
        }
        Optional<Holder> h = Holder.parse(text.get());
        last = h.orElse(last);
        String stale = staleReason(h.orElse(null), io.modified(io.lock), now, staleAfter);
        if (stale != null && breakStale(io, h.orElse(null), staleAfter)) {
          System.err.printf("migstat: broke a stale pipeline lock on %s (%s): %s%n", lakehouseRoot, stale,
              h.map(x -> x.describe(now)).orElse("unreadable lock file"));
          continue;
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot use the pipeline lock " + io.lock + ": " + e.getMessage(), e);
      } finally {
        if (!won) {
          LIVE_TOKENS.remove(mine.token());
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new BusyException("the lakehouse " + lakehouseRoot + " is busy: "
            + (last == null ? "an unreadable lock" : last.describe(Instant.now())) + " holds " + io.lock
            + (wait.isZero() ? "" : "; waited " + wait.toSeconds() + " s")
            + ". The lock is broken automatically when its process is gone or its heartbeat is older than "
            + staleAfter.toSeconds() + " s.", last);
      }
      sleepQuietly(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, pollMillis(staleAfter)));
    }
  }

  /** The current holder of a lakehouse's lock, if any, and why it is stale (null when live). For status. */
  public record Observed(Holder holder, String staleReason) {}

  public static Optional<Observed> observe(Configuration hadoopConf, String lakehouseRoot, Duration staleAfter) {
    try {
      Files2 io = Files2.of(hadoopConf, lakehouseRoot, false);
      Optional<String> text = io.read(io.lock);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      Holder h = Holder.parse(text.get()).orElse(null);
      return Optional.of(new Observed(h, staleReason(h, io.modified(io.lock), Instant.now(), staleAfter)));
    } catch (IOException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /** Why a lock is stale, or null when its holder looks alive. */
  static String staleReason(Holder h, long modifiedMillis, Instant now, Duration staleAfter) {
    Instant touched = modifiedMillis > 0 ? Instant.ofEpochMilli(modifiedMillis) : Instant.EPOCH;
    if (h == null) {
      // Unreadable: being written right now, or garbage. Only its age can tell.
      return Duration.between(touched, now).compareTo(staleAfter) > 0 ? "unreadable and not touched for "
          + Duration.between(touched, now).toSeconds() + " s" : null;
    }
    boolean sameHost = h.host().equals(Identity.HOST) && h.pidNamespace().equals(Identity.PID_NAMESPACE);
    if (sameHost && h.pid() == Identity.PID) {
      // This process knows for sure, whatever the heartbeat says.
      return LIVE_TOKENS.contains(h.token()) ? null : "written by this process, which no longer holds it";
    }
    Instant beat = h.heartbeatAt().isAfter(touched) ? h.heartbeatAt() : touched;
    if (Duration.between(beat, now).compareTo(staleAfter) > 0) {
      return "no heartbeat for " + Duration.between(beat, now).toSeconds() + " s";
    }
    if (sameHost) {
      Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
      if (p.isEmpty() || !p.get().isAlive()) {
        return "its process " + h.pid() + " on this host is gone";
      }
      Optional<Instant> started = p.get().info().startInstant();
      if (started.isPresent() && started.get().isAfter(h.acquiredAt().plusSeconds(1))) {
        return "process id " + h.pid() + " now belongs to a process started after the lock was taken";
      }
    }
    return null;
  }

  /**
   * Deletes a stale lock, but only while holding the breaking marker and only if the lock file still holds
   * the stale holder's token; so a lock just taken by someone else is never deleted.
   */
  private static boolean breakStale(Files2 io, Holder stale, Duration staleAfter) throws IOException {
    Instant now = Instant.now();
    if (!io.createNew(io.breaking, "breaking by pid " + Identity.PID + " on " + Identity.HOST + " at " + now + "\n")) {
      long m = io.modified(io.breaking);
      if (m > 0 && Duration.between(Instant.ofEpochMilli(m), now).compareTo(staleAfter) > 0) {
        io.delete(io.breaking); // a breaker crashed half-way
      }
      return false;
    }
    try {
      Optional<String> text = io.read(io.lock);
      if (text.isEmpty()) {
        return true;
      }
      Holder again = Holder.parse(text.get()).orElse(null);
      boolean same = stale == null ? again == null : again != null && again.token().equals(stale.token());
      if (same && staleReason(again, io.modified(io.lock), Instant.now(), staleAfter) != null) {
        io.delete(io.lock);
        return true;
      }
      return false;
    } finally {
      io.delete(io.breaking);
    }
  }

  private void startHeartbeat(Duration period) {
    heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "migstat-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    heartbeat.scheduleAtFixedRate(this::beat, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void beat() {
    if (released || lost) {
      return;
    }
    try {
      Optional<Holder> now = io.read(io.lock).flatMap(Holder::parse);
      if (now.isEmpty() || !now.get().token().equals(holder.token())) {
        lost = true;
        System.err.printf("migstat: WARNING: the pipeline lock on %s was taken over (%s); this run no longer"
            + " excludes others%n", lakehouseRoot, now.map(h -> h.describe(Instant.now())).orElse("lock file gone"));
        heartbeat.shutdown();
        return;
      }
      holder = holder.beat(Instant.now());
      io.overwrite(io.lock, holder.text());
    } catch (IOException | RuntimeException e) {
      System.err.printf("migstat: could not refresh the pipeline lock on %s: %s%n", lakehouseRoot, e.getMessage());
    }
  }

  /** Who this lock names as holder (with the last heartbeat written). */
  public Holder holder() {
    return outer != null ? outer.holder() : holder;
  }

  /** True when another process broke this lock (our heartbeat stalled past the stale timeout). */
  public boolean lost() {
    return outer != null ? outer.lost() : lost;
  }

  /** Where the lock file lives. */
  public String path() {
    return key;
  }

  /** Releases the lock (the outermost close of a thread's nested acquisitions). Safe from any thread; idempotent. */
  @Override
  public void close() {
    if (outer != null) {
      synchronized (this) {
        if (released) {
          return;
        }
        released = true;
      }
      return;
    }
    synchronized (this) {
      if (released) {
        return;
      }
      released = true;
      if (heartbeat != null) {
        heartbeat.shutdownNow();
      }
      try {
        Optional<Holder> now = io.read(io.lock).flatMap(Holder::parse);
        if (now.isPresent() && now.get().token().equals(holder.token())) {
          io.delete(io.lock);
        }
      } catch (IOException e) {
        System.err.printf("migstat: could not release the pipeline lock %s (%s); it turns stale by itself%n",
            key, e.getMessage());
      } finally {
        HELD.remove(key, this);
        LIVE_TOKENS.remove(holder.token());
      }
    }
  }

  /** Releases the lock even if nested acquisitions are still open: for a shutdown that abandons a run. */
  public void forceRelease() {
    (outer != null ? outer : this).close();
  }

  private static Duration heartbeatPeriod(Duration staleAfter) {
    long ms = Math.max(50, Math.min(5_000, staleAfter.toMillis() / 4));
    return Duration.ofMillis(ms);
  }

  private static long pollMillis(Duration staleAfter) {
    return Math.max(20, Math.min(500, staleAfter.toMillis() / 10));
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(Math.max(1, ms));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the pipeline lock", e);
    }
  }

  /** This process, as lock files name it. */
  static final class Identity {
    static final String HOST = host();
    static final String PID_NAMESPACE = pidNamespace();
    static final long PID = ProcessHandle.current().pid();

    private static String host() {
      String env = System.getenv("HOSTNAME");
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException | RuntimeException e) {
        return env != null && !env.isBlank() ? env : "unknown-host";
      }
    }

    /** Containers on one host share a host name but not process ids: the pid namespace tells them apart. */
    private static String pidNamespace() {
      try {
        return Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/pid")).toString();
      } catch (IOException | RuntimeException e) {
        return "";
      }
    }
  }

  /** The three small file operations the lock needs, on a local disk or through a Hadoop FileSystem. */
  private static final class Files2 {
    final FileSystem fs;
    final boolean local;
    final Path lock;
    final Path breaking;

    private Files2(FileSystem fs, boolean local, Path lock) {
      this.fs = fs;
      this.local = local;
      this.lock = lock;
      this.breaking = new Path(lock.getParent(), LOCK_FILE + ".breaking");
    }

    static Files2 of(Configuration conf, String root, boolean create) {
      try {
        Path dir = new Path(new Path(root), LOCK_DIR);
        FileSystem fs = dir.getFileSystem(conf);
        dir = fs.makeQualified(dir);
        if (create) {
          fs.mkdirs(dir);
        }
        boolean local = "file".equals(dir.toUri().getScheme()) && conf.getBoolean(NATIVE_LOCAL_IO, true);
        return new Files2(fs, local, new Path(dir, LOCK_FILE));
      } catch (IOException e) {
        throw new IllegalStateException("cannot create the lock folder under " + root + ": " + e.getMessage(), e);
      }
    }

    private static java.nio.file.Path nio(Path p) {
      return java.nio.file.Path.of(p.toUri());
    }

    /** Creates the file only if absent; false when it exists. */
    boolean createNew(Path p, String text) throws IOException {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (local) {
        try {
          Files.write(nio(p), bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          return true;
        } catch (FileAlreadyExistsException e) {
          return false;
        }
      }
      try (OutputStream out = fs.create(p, false)) {
        out.write(bytes);
        return true;
      } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
        return false;
      } catch (IOException e) {
        if (fs.exists(p)) {
          return false;
        }
        throw e;
      }
    }

    Optional<String> read(Path p) throws IOException {
      if (local) {
        try {
          return Optional.of(Files.readString(nio(p), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
          return Optional.empty();
        }
      }
      try (InputStream in = fs.open(p)) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return Optional.of(buf.toString(StandardCharsets.UTF_8));
      } catch (java.io.FileNotFoundException e) {
        return Optional.empty();
      }
    }

    /** Replaces the content; on a local disk through an atomic rename, so readers never see a half file. */
    void overwrite(Path p, String text) throws IOException {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      if (local) {
        java.nio.file.Path target = nio(p);
        java.nio.file.Path tmp = target.resolveSibling("." + LOCK_FILE + "." + UUID.randomUUID() + ".tmp");
        Files.write(tmp, bytes);
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(tmp);
        }
        return;
      }
      try (OutputStream out = fs.create(p, true)) {
        out.write(bytes);
      }
    }

    long modified(Path p) throws IOException {
      if (local) {
        try {
          return Files.getLastModifiedTime(nio(p)).toMillis();
        } catch (NoSuchFileException e) {
          return 0;
        }
      }
      try {
        return fs.getFileStatus(p).getModificationTime();
      } catch (java.io.FileNotFoundException e) {
        return 0;
      }
    }

    void delete(Path p) throws IOException {
      if (local) {
        Files.deleteIfExists(nio(p));
        return;
      }
      fs.delete(p, false);
    }
  }

  @Override
  public String toString() {
    return "RunLock[" + key + ", " + holder().runId() + "]";
  }
}
