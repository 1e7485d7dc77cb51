package org.migstat.cli;

import org.migstat.ingest.IngestException;

/** Turns an exception into the one sentence a user reads. */
final class Failures {
  private Failures() {}

  static String sentence(Throwable e) {
    Throwable t = e;
    // Our own messages are written for users; find one anywhere in the chain.
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
