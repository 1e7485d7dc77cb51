package org.migstat.cli;

import org.migstat.ops.OneSentence;

/** Turns an exception into the one sentence a user reads (the same sentence ops.runs.error stores). */
final class Failures {
  private Failures() {}

  static String sentence(Throwable e) {
    return OneSentence.of(e);
  }
}
