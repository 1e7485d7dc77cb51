package org.migstat.schedule;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Where the scheduler records failed attempts. {@code RunJob} already appends a 'failed' row to ops.runs
 * when it fails; the ledger adds one only for failures that happened before RunJob could (the lakehouse
 * busy or unreachable, a crash of the session), so every attempt has exactly one row.
 */
@FunctionalInterface
public interface AttemptLedger {
  AttemptLedger NONE = (asOf, command, started, ended, error) -> {};

  void failed(LocalDate asOf, String command, Instant started, Instant ended, String error);
}
