package org.migstat.export;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * What a release says about itself: the reference date, the run it comes from (the last {@code succeeded} row of
 * {@code ops.runs}, preferring one whose as-of is the requested date) and when the files were generated.
 *
 * @param asOf           reference date of the release (the requested one, or the run's)
 * @param runId          the run whose published tables the export read
 * @param runAsOf        that run's own as-of date
 * @param runEndedAt     when that run ended (SDMX "LAST UPDATE")
 * @param outputVersions Delta version of each table after that run, as the run recorded it
 * @param generatedAt    when the export started
 */
public record BuildStamp(LocalDate asOf, String runId, LocalDate runAsOf, Instant runEndedAt,
                         Map<String, Long> outputVersions, Instant generatedAt) {}
