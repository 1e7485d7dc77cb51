package org.migstat.pipeline;

import java.io.PrintStream;

/**
 * Progress lines for a person watching a run: stage, source, files and rows, elapsed time.
 *
 * <p>Crash tests stop a run at a chosen line: {@code -Dmigstat.test.haltAt=STAGE[/TEXT]} halts the JVM (as
 * {@code kill -9} would: no finally block, no shutdown hook) right after printing the first line of that
 * stage whose message contains TEXT; {@link #haltingAt} does the same inside a test JVM by throwing
 * {@link Halted}, an Error no job catches. Stages a run prints, in order: {@code ingest} (the files found, the
 * sources about to be parsed), {@code bronze} (after a source's bronze write), {@code silver} (as a source's
 * rules start, before its silver commit; …{@code merged} after it), {@code gold} (the plan, before any gold
 * write; …{@code written} after each table), {@code publish}, {@code done}; the {@code run} command then
 * {@code export}. A step that takes long says what it starts before it starts (the ticker repeats that line).
 */
public final class Progress {
  private final PrintStream out;
  private final long start = System.nanoTime();
  private final String haltAt;
  private final boolean haltJvm;

  public Progress(PrintStream out) {
    this(out, System.getProperty("migstat.test.haltAt"), true);
  }

  private Progress(PrintStream out, String haltAt, boolean haltJvm) {
    this.out = out;
    this.haltAt = haltAt == null || haltAt.isBlank() ? null : haltAt;
    this.haltJvm = haltJvm;
  }

  public static Progress silent() {
    return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()));
  }

  /** A progress that stops the run (throws {@link Halted}) at the first line matching {@code STAGE[/TEXT]}. */
  public static Progress haltingAt(PrintStream out, String stageAndText) {
    return new Progress(out, stageAndText, false);
  }

  /** Thrown by {@link #haltingAt}: a crash in the middle of a run, caught by no job. */
  public static final class Halted extends Error {
    Halted(String at) {
      super("halted at " + at);
    }
  }

  public void say(String stage, String message, Object... args) {
    String text = String.format(message, args);
    out.printf("[%6.1fs] %-8s %s%n", (System.nanoTime() - start) / 1e9, stage, text);
    out.flush();
    if (haltAt != null && matches(stage, text)) {
      if (haltJvm) {
        out.println("HALT at " + haltAt);
        out.flush();
        Runtime.getRuntime().halt(137);
      }
      throw new Halted(haltAt);
    }
  }

  private boolean matches(String stage, String text) {
    int slash = haltAt.indexOf('/');
    return slash < 0 ? haltAt.equals(stage) : haltAt.substring(0, slash).equals(stage)
        && text.contains(haltAt.substring(slash + 1));
  }

  public PrintStream out() {
    return out;
  }
}
