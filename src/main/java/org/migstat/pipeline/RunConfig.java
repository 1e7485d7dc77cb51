package org.migstat.pipeline;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What a pipeline run is asked to do.
 *
 * @param asOf      reference date; null = the newest extract date in the input
 * @param input     folder of extracts, one sub-folder per source
 * @param lakehouse lakehouse root (path or URI)
 * @param rebuild   recompute silver and gold from bronze even when nothing is new
 * @param keyFile   pseudonymisation key file (environment variables take precedence)
 * @param command   the command line, recorded in ops.runs
 * @param firstPermitSameReason national variant of the first-permit rule (off by default)
 * @param internalView when {@code asOf} is not a release date, publish an internal view of it (never public)
 */
public record RunConfig(LocalDate asOf, String input, String lakehouse, boolean rebuild, Path keyFile,
                        String command, boolean firstPermitSameReason, boolean internalView) {
  /** A run that publishes only the public releases its calendar makes due (the scheduled daily run). */
  public RunConfig(LocalDate asOf, String input, String lakehouse, boolean rebuild, Path keyFile, String command,
                   boolean firstPermitSameReason) {
    this(asOf, input, lakehouse, rebuild, keyFile, command, firstPermitSameReason, false);
  }
}
