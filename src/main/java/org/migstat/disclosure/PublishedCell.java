package org.migstat.disclosure;

import java.time.LocalDate;

/**
 * One published number of one release, as a reader downloads it (or as the protecting side hands it to the next
 * release's problem).
 *
 * @param release       the release id
 * @param referenceDate the release's reference date (orders the releases: vintages, nested periods)
 * @param key           where the number sits
 * @param value         the published value; null when withheld
 * @param disposition   what became of it
 */
public record PublishedCell(String release, LocalDate referenceDate, CellKey key, Double value,
                            Disposition disposition) {
  public PublishedCell {
    if (disposition.shown() && value == null) {
      throw new IllegalArgumentException(key + " in release " + release + " is published without a value");
    }
    if (disposition.hidden() && value != null) {
      throw new IllegalArgumentException(key + " in release " + release + " is withheld but carries a value");
    }
  }
}
