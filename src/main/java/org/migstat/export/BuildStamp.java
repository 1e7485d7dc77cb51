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
 * @param generatedAt    when the export started (for a public release: when it was published, so that its files are
 *                       the same bytes whenever it is exported)
 * @param releaseId      the release exported (ops.releases; {@code internal-<date>} for an internal view); null for a
 *                       lakehouse from before releases were kept
 * @param internal       an internal view: "internal — not for publication" on every file
 * @param dataCutoff     extract date of the newest extract the release was computed from; null when unknown
 */
public record BuildStamp(LocalDate asOf, String runId, LocalDate runAsOf, Instant runEndedAt,
                         Map<String, Long> outputVersions, Instant generatedAt, String releaseId, boolean internal,
                         LocalDate dataCutoff) {

  /** What an internal view says on its banner and in its file names. */
  public static final String INTERNAL_NOTICE = "internal — not for publication";
  public static final String INTERNAL_MARK = "-INTERNAL-not-for-publication";

  /** A file name with the internal mark before its extension when the release is an internal view. */
  public String fileName(String base, String extension) {
    return base + (internal ? INTERNAL_MARK : "") + extension;
  }
}
