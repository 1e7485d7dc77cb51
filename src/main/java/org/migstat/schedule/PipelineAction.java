package org.migstat.schedule;

import java.time.LocalDate;

/**
 * One pipeline run for an as-of date: what a scheduler tick or a backfill day does. The production action
 * is {@link RunJobAction} (a real {@code RunJob}); tests substitute a fast or failing one.
 */
@FunctionalInterface
public interface PipelineAction {

  /** What a successful run did. */
  record Outcome(String runId, boolean committed, String summary) {}

  /**
   * Runs the pipeline once.
   *
   * @param asOf    the reference date of the run
   * @param command what ops.runs records as the run's command, e.g. "migstat schedule --as-of 2024-03-01 (attempt 2 of 4)"
   * @throws Exception when the run failed (the caller records and retries)
   */
  Outcome run(LocalDate asOf, String command) throws Exception;

  /** Asks a run in progress to stop soon (the scheduler is shutting down). Default: nothing to do. */
  default void abandon() {}
}
