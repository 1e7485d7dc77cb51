package org.migstat.ops;

import org.migstat.ingest.IngestException;

/**
 * The one sentence a user reads for a failure, on the terminal and in {@code ops.runs.error} alike: our own
 * messages (written for users) wherever they sit in the cause chain, else the first line of the outermost one.
 */
public final class OneSentence {
  private OneSentence() {}

  public static String of(Throwable e) {
    Throwable t = e;
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof IngestException || c instanceof IllegalStateException || c instanceof IllegalArgumentException) {
        t = c;
        break;
      }
    }
    String msg = t.getMessage();
    if (msg == null || msg.isBlank()) {
      msg = t.getClass().getSimpleName();
    }
    String first = msg.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(msg);
    return first.length() > 400 ? first.substring(0, 400) + "..." : first;
  }
}
