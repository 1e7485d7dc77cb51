package org.migstat.schedule;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.migstat.lakehouse.RunLock;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;

/**
 * {@code migstat schedule}: an embedded Quartz scheduler (in-memory job store, one worker thread) that runs
 * the pipeline on a cron.
 *
 * <ul>
 *   <li>Each tick is one pipeline run whose as-of date is the tick's local date.</li>
 *   <li>Catch-up: at start, the cron's as-of dates after the last completed scheduled one (see
 *       {@link ScheduleState}) up to now are run oldest first ({@code catch_up = all}) or only the newest
 *       ({@code latest}). A date that still fails after its retries stops the sequence, so dates complete in
 *       order; the next tick starts again from it.</li>
 *   <li>Never two runs at once: one job marked {@code @DisallowConcurrentExecution} in this process, and the
 *       lakehouse {@link RunLock} across processes and hosts.</li>
 *   <li>Retries with exponential backoff; every attempt has its own row in ops.runs, with a command such
 *       as {@code migstat schedule --as-of 2024-03-01 (attempt 2 of 4)}.</li>
 *   <li>Stops cleanly: {@link #shutdown(Duration)} (the SIGTERM hook) stops triggering, lets the current run
 *       finish within the grace period or abandons it, and releases the lock.</li>
 * </ul>
 */
public final class PipelineScheduler implements AutoCloseable {
  /** How the scheduler waits between attempts; tests substitute one that returns at once. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** One attempt at one as-of date. */
  public record Attempt(LocalDate asOf, int number, String command, Instant started, Instant ended,
                        boolean succeeded, String detail) {}

  /** An as-of date's attempts, the last one deciding. */
  public record DateResult(LocalDate asOf, boolean succeeded, List<Attempt> attempts) {}

  static final String SCHEDULER_KEY = "migstat.scheduler";
  static final String CATCH_UP_KEY = "migstat.catch_up";
  private static final TriggerKey CRON_TRIGGER = TriggerKey.triggerKey("cron", "migstat");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
  /** How long a cancelled run may take to fail and record itself; then it is interrupted and the lock released. */
  private static final Duration ABANDON_WAIT = Duration.ofSeconds(10);

  private final ScheduleConfig cfg;
  private final CronSchedule cron;
  private final PipelineAction action;
  private final AttemptLedger ledger;
  private final ScheduleState state;
  private final Configuration hadoopConf;
  private final PrintStream out;
  private final String name = "migstat-schedule-" + UUID.randomUUID().toString().substring(0, 8);
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicBoolean shutdownStarted = new AtomicBoolean();
  private final Object runGuard = new Object();
  private volatile boolean stopping;
  private volatile boolean abandoned;
  private volatile Thread activeThread;
  private volatile LocalDate activeDate;
  private volatile RunLock activeLock;
  /** The attempt in progress, for the shutdown hook to record if it has to abandon it. */
  private volatile Attempt activeAttempt;
  private volatile boolean abandonRecorded;
  private Clock clock = Clock.systemUTC();
  private Sleeper sleeper = d -> stopSignal.await(d.toMillis(), TimeUnit.MILLISECONDS);
  private Scheduler quartz;

  public PipelineScheduler(ScheduleConfig cfg, PipelineAction action, AttemptLedger ledger, ScheduleState state,
                           Configuration hadoopConf, PrintStream out) {
    this.cfg = cfg;
    this.cron = cfg.schedule();
    this.action = action;
    this.ledger = ledger;
    this.state = state;
    this.hadoopConf = hadoopConf;
    this.out = out;
  }

  /** The clock that decides "now" for catch-up and timestamps (Quartz itself always uses real time). */
  public PipelineScheduler withClock(Clock c) {
    this.clock = c;
    return this;
  }

  public PipelineScheduler withSleeper(Sleeper s) {
    this.sleeper = s;
    return this;
  }

  // ---- planning -------------------------------------------------------------------------------

  /** As-of dates owed now: the cron's dates after the last completed scheduled one (all, or the newest). */
  public List<LocalDate> catchUpDates() {
    Optional<LocalDate> last = state.lastSucceeded();
    if (last.isEmpty()) {
      return List.of();
    }
    return byPolicy(cron.datesAfter(last.get(), clock.instant()));
  }

  /** What a tick fired at {@code fire} runs: its own as-of date, after any missed ones (catch_up = all). */
  List<LocalDate> tickDates(Instant fire) {
    LocalDate own = cron.asOf(fire);
    if (cfg.catchUp() == ScheduleConfig.CatchUp.LATEST) {
      return List.of(own);
    }
    TreeSet<LocalDate> dates = new TreeSet<>();
    state.lastSucceeded().ifPresent(last -> dates.addAll(cron.datesAfter(last, fire)));
    dates.add(own);
    return new ArrayList<>(dates);
  }

  private List<LocalDate> byPolicy(List<LocalDate> dates) {
    if (dates.isEmpty() || cfg.catchUp() == ScheduleConfig.CatchUp.ALL) {
      return dates;
    }
    return List.of(dates.get(dates.size() - 1));
  }

  // ---- running --------------------------------------------------------------------------------

  /** Runs the as-of dates missed since the last completed scheduled run (what start-up does first). */
  public List<DateResult> catchUp() {
    synchronized (runGuard) {
      Optional<LocalDate> last = state.lastSucceeded();
      List<LocalDate> dates = catchUpDates();
      if (last.isEmpty()) {
        say("no completed scheduled run recorded in %s: nothing to catch up", state.location());
      } else if (dates.isEmpty()) {
        say("up to date: the last scheduled run completed as of %s", last.get());
      } else {
        say("catching up (%s) after downtime: last completed as of %s; running %s",
            cfg.catchUp().name().toLowerCase(java.util.Locale.ROOT), last.get(), dates);
      }
      List<DateResult> results = runInOrder(dates);
      sayNext();
      return results;
    }
  }

  /** One cron tick: the dates {@link #tickDates(Instant)} gives, in order. */
  public List<DateResult> tick(Instant fire) {
    synchronized (runGuard) {
      List<DateResult> results = runInOrder(tickDates(fire));
      sayNext();
      return results;
    }
  }

  private List<DateResult> runInOrder(List<LocalDate> dates) {
    List<DateResult> results = new ArrayList<>();
    for (int i = 0; i < dates.size() && !stopping; i++) {
      DateResult r = runDate(dates.get(i));
      results.add(r);
      if (!r.succeeded() && i + 1 < dates.size() && !stopping) {
        say("%s failed after %d attempts: %s wait for the next tick, so dates complete in order", r.asOf(),
            r.attempts().size(), dates.subList(i + 1, dates.size()));
        break;
      }
    }
    return results;
  }

  /** One as-of date with retries: each attempt under the lakehouse lock, with its own ops.runs row. */
  public DateResult runDate(LocalDate asOf) {
    List<Attempt> attempts = new ArrayList<>();
    int max = cfg.maxRetries() + 1;
    activeThread = Thread.currentThread();
    activeDate = asOf;
    try {
      for (int n = 1; n <= max && !stopping; n++) {
        String command = OpsRunsLedger.SCHEDULE_COMMAND + " --as-of " + asOf + " (attempt " + n + " of " + max + ")";
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        say("run as of %s: attempt %d of %d", asOf, n, max);
        String failure;
        try (RunLock lock = RunLock.acquire(hadoopConf, cfg.lakehouse(), "schedule as of " + asOf + " attempt " + n,
            cfg.lockWait(), cfg.lockTimeout())) {
          activeLock = lock;
          activeAttempt = new Attempt(asOf, n, command, started, null, false, null);
          PipelineAction.Outcome o = action.run(asOf, command);
          Instant ended = clock.instant();
          if (!abandoned) {
            state.succeeded(asOf, o.runId(), ended);
          }
          attempts.add(new Attempt(asOf, n, command, started, ended, true, o.summary()));
          say("run as of %s succeeded in %.1f s: %s", asOf, (System.nanoTime() - t0) / 1e9, o.summary());
          return new DateResult(asOf, true, attempts);
        } catch (Exception e) {
          failure = sentence(e);
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
        } finally {
          activeLock = null;
          activeAttempt = null;
        }
        Instant ended = clock.instant();
        attempts.add(new Attempt(asOf, n, command, started, ended, false, failure));
        try {
          if (!abandonRecorded) {
            ledger.failed(asOf, command, started, ended, failure);
          }
        } catch (Exception ledgerFailure) { // Spark may throw InterruptedException undeclared
          if (ledgerFailure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          say("could not record the failed attempt in ops.runs: %s", sentence(ledgerFailure));
        }
        if (n < max && !stopping) {
          Duration wait = cfg.backoffAfter(n);
          say("run as of %s failed (attempt %d of %d): %s; retrying in %d s", asOf, n, max, failure, wait.toSeconds());
          try {
            sleeper.sleep(wait);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        } else {
          say("run as of %s failed (attempt %d of %d): %s%s", asOf, n, max, failure,
              stopping ? "; not retrying: the scheduler is stopping" : "; giving up until the next tick");
        }
      }
      return new DateResult(asOf, false, attempts);
    } finally {
      activeDate = null;
      activeThread = null;
    }
  }

  // ---- Quartz ---------------------------------------------------------------------------------

  /** The Quartz job: one tick, or the start-up catch-up. Never two at once (same job, one worker). */
  @DisallowConcurrentExecution
  public static final class Tick implements Job {
    @Override
    public void execute(JobExecutionContext ctx) {
      PipelineScheduler s = (PipelineScheduler) ctx.getJobDetail().getJobDataMap().get(SCHEDULER_KEY);
      try {
        if (ctx.getTrigger().getJobDataMap().containsKey(CATCH_UP_KEY)) {
          s.catchUp();
        } else {
          s.tick(ctx.getScheduledFireTime().toInstant());
        }
      } catch (Exception e) { // Spark may throw InterruptedException undeclared
        s.say("tick failed: %s", sentence(e));
      }
    }
  }

  /** Starts triggering: the catch-up at once, then the cron. Returns immediately. */
  public void start() {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", name);
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", "1");
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.threadPool.threadNamePrefix", name + "-worker");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    try {
      quartz = new StdSchedulerFactory(p).getScheduler();
      JobDataMap data = new JobDataMap();
      data.put(SCHEDULER_KEY, this);
      JobDetail job = JobBuilder.newJob(Tick.class).withIdentity("pipeline", "migstat").usingJobData(data)
          .storeDurably().build();
      // A run that overruns the next fire time delays it (fire once, then proceed): nothing is skipped
      // silently, and the watermark catches up any date that was.
      Trigger cronTrigger = TriggerBuilder.newTrigger().withIdentity(CRON_TRIGGER).forJob(job)
          .withSchedule(CronScheduleBuilder.cronSchedule(cfg.cron()).inTimeZone(TimeZone.getTimeZone(cfg.timeZone()))
              .withMisfireHandlingInstructionFireAndProceed())
          .build();
      Trigger catchUpTrigger = TriggerBuilder.newTrigger().withIdentity("catch-up", "migstat").forJob(job)
          .usingJobData(CATCH_UP_KEY, true).startNow().build();
      quartz.addJob(job, false);
      quartz.scheduleJob(catchUpTrigger);
      quartz.scheduleJob(cronTrigger);
      out.println("migstat schedule: " + name);
      out.println(cfg.describe());
      out.flush();
      quartz.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
    }
  }

  /** The next cron fire time (after now). */
  public Optional<Instant> nextFireTime() {
    try {
      if (quartz != null && !quartz.isShutdown()) {
        Trigger t = quartz.getTrigger(CRON_TRIGGER);
        if (t != null && t.getNextFireTime() != null) {
          return Optional.of(t.getNextFireTime().toInstant());
        }
      }
    } catch (SchedulerException e) {
      // fall through to the computed time
    }
    return cron.nextAfter(clock.instant());
  }

  private void sayNext() {
    if (stopping) {
      return;
    }
    nextFireTime().ifPresentOrElse(
        t -> say("next run: %s (as of %s)", STAMP.format(cron.local(t)), cron.asOf(t)),
        () -> say("the cron %s never fires again", cron));
  }

  // ---- stopping -------------------------------------------------------------------------------

  /**
   * Stops cleanly: no new runs or retries; the current run may finish within {@code grace}; otherwise it is
   * abandoned (its Spark jobs cancelled: a Delta commit is atomic, so a table has all or none of its write)
   * and the lock is released. Idempotent; returns false when a run was abandoned.
   */
  public boolean shutdown(Duration grace) {
    if (!shutdownStarted.compareAndSet(false, true)) {
      try {
        terminated.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return !abandoned;
    }
    stopping = true;
    stopSignal.countDown();
    try {
      if (quartz != null) {
        quartz.shutdown(false);
      }
    } catch (SchedulerException e) {
      say("stopping Quartz: %s", e.getMessage());
    }
    LocalDate date = activeDate;
    boolean finished = true;
    if (activeThread != null) {
      say("stopping: no new runs; waiting up to %d s for the run as of %s to finish", grace.toSeconds(), date);
      finished = awaitIdle(grace);
      if (!finished) {
        abandoned = true;
        say("abandoning the run as of %s: cancelling its Spark jobs (a Delta commit is atomic: tables hold all or"
            + " none of a write) and releasing the lakehouse lock", date);
        try {
          action.abandon();
        } catch (RuntimeException e) {
          say("cancelling the run: %s", sentence(e));
        }
        // A cancelled run fails at its next Spark action and records itself in ops.runs; give it that moment,
        // then interrupt whatever is still going.
        if (!awaitIdle(ABANDON_WAIT)) {
          // Record the attempt now, while Spark is still up (this hook runs before Spark's own).
          Attempt a = activeAttempt;
          if (a != null) {
            try {
              ledger.failed(a.asOf(), a.command(), a.started(), clock.instant(),
                  "abandoned: the scheduler was stopped during the run");
              abandonRecorded = true;
            } catch (Exception e) { // Spark may throw InterruptedException undeclared
              say("could not record the abandoned attempt in ops.runs: %s", sentence(e));
            }
          }
          Thread t = activeThread;
          if (t != null) {
            t.interrupt();
          }
          awaitIdle(Duration.ofSeconds(2));
        }
        RunLock lock = activeLock;
        if (lock != null) {
          lock.forceRelease();
        }
      }
    }
    say("stopped%s", finished ? "" : " (one run abandoned; re-run its date or let catch-up do it)");
    terminated.countDown();
    return finished;
  }

  private boolean awaitIdle(Duration d) {
    long deadline = System.nanoTime() + d.toNanos();
    while (activeThread != null) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return activeThread == null;
      }
    }
    return true;
  }

  /** Blocks until {@link #shutdown(Duration)} has completed. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** True while a run is in progress. */
  public boolean busy() {
    return activeThread != null;
  }

  /**
   * Calls {@link #shutdown(Duration)} with the configured grace period on SIGTERM or Ctrl-C. Registered with
   * Hadoop's shutdown-hook manager at a priority above Spark's, so the run may finish before Spark stops its
   * context and Hadoop closes its file systems (a plain JVM hook would race them).
   */
  public void stopOnShutdown() {
    Duration grace = cfg.gracePeriod();
    org.apache.hadoop.util.ShutdownHookManager.get().addShutdownHook(() -> shutdown(grace), 50,
        grace.plus(ABANDON_WAIT).plusSeconds(15).toSeconds(), TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    shutdown(cfg.gracePeriod());
  }

  // ---- printing -------------------------------------------------------------------------------

  private void say(String format, Object... args) {
    synchronized (out) {
      out.printf("[%s] schedule  %s%n", STAMP.format(clock.instant().atZone(cron.zone())), String.format(format, args));
      out.flush();
    }
  }

  /** The first line of the most telling message in the chain. */
  static String sentence(Throwable e) {
    Throwable t = e;
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof IllegalStateException || c instanceof IllegalArgumentException
          || c.getClass().getName().startsWith("org.migstat.")) {
        t = c;
        break;
      }
    }
    String msg = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    String first = msg.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(msg);
    return first.length() > 400 ? first.substring(0, 400) + "..." : first;
  }
}
