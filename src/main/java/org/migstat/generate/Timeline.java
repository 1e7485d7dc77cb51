package org.migstat.generate;

import java.time.LocalDate;

/**
 * A person's stays in the registry and their work-permit situation on the reference date.
 *
 * @param main    the stay of the main record
 * @param earlier an earlier stay under another record number (left, came back), or null
 * @param role    what the person is on the reference date (decides the permit plan)
 * @param worker  whether the person ever holds permits
 */
record Timeline(Stint main, Stint earlier, Role role, boolean worker) {

  /** One registration: from registration to deregistration (null = still registered at the end). */
  record Stint(LocalDate registered, LocalDate deregistered) {
    boolean presentOn(LocalDate day) {
      return !registered.isAfter(day) && (deregistered == null || deregistered.isAfter(day));
    }
  }

  /**
   * The situation on the reference date. HOLDER: a valid permit of 3 months or more covers it.
   * The others are resident without one, each in its own realistic way: never had a permit; between
   * two permits; permit revoked before the date; only a 2-month permit (out of scope); permit
   * cancelled (entered in error); first permit starts later. ABSENT: not resident on the date.
   */
  enum Role { HOLDER, NO_PERMITS, GAP, REVOKED, SHORT, CANCELLED, LATER_START, ABSENT }

  Timeline withoutEarlier() {
    return new Timeline(main, null, role, worker);
  }
}
