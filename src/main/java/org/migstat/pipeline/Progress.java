package org.migstat.pipeline;

import java.io.PrintStream;

/** Progress lines for a person watching a run: stage, source, files and rows, elapsed time. */
public final class Progress {
  private final PrintStream out;
  private final long start = System.nanoTime();

  public Progress(PrintStream out) {
    this.out = out;
  }

  public static Progress silent() {
    return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()));
  }

  public void say(String stage, String message, Object... args) {
    out.printf("[%6.1fs] %-8s %s%n", (System.nanoTime() - start) / 1e9, stage, String.format(message, args));
    out.flush();
  }

  public PrintStream out() {
    return out;
  }
}
