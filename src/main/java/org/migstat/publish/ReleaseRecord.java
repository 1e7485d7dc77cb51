package org.migstat.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A public release as {@code ops.releases} lists it. Its cells are the {@code publish.*} rows whose
 * {@code release_id} is {@link #releaseId()} (and whose {@code reference_date} is {@link #referenceDate()}).
 *
 * @param dataCutoff     extract date of the newest extract file it was computed from
 * @param calendarEntry  the release-calendar entry that made it due
 * @param outputVersions Delta version of each publish table right after it was written
 */
public record ReleaseRecord(String releaseId, LocalDate referenceDate, Instant publishedAt, String runId,
                            LocalDate dataCutoff, String calendarEntry, String previousReleaseId,
                            Map<String, Long> inputVersions, Map<String, Long> outputVersions, long cells,
                            long revisedCells) {

  /** The id of the first public release of a reference date. */
  public static String publicId(LocalDate referenceDate) {
    return referenceDate.toString();
  }

  /** The id of an internal view of a date: never in ops.releases, never public. */
  public static String internalId(LocalDate referenceDate) {
    return INTERNAL_PREFIX + referenceDate;
  }

  public static final String INTERNAL_PREFIX = "internal-";

  public static boolean isInternal(String releaseId) {
    return releaseId != null && releaseId.startsWith(INTERNAL_PREFIX);
  }
}
