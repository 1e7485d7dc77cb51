package org.migstat.generate;

import java.time.LocalDate;

/**
 * One planned work permit. Mutable only while {@link PermitPlanner} plans a person's permits: a
 * departure, for instance, revokes the permit running at that moment after the chain is built.
 */
final class Permit {
  final PermitType type;
  final Employer employer;
  final String occupation;
  final LocalDate issued;
  final LocalDate validFrom;
  final LocalDate validTo;
  LocalDate revokedOn;
  LocalDate cancelledOn;
  /** Issued while an earlier permit was valid or had expired less than 6 months before. */
  boolean renewal;

  Permit(PermitType type, Employer employer, String occupation, LocalDate issued, LocalDate validFrom,
      LocalDate validTo) {
    this.type = type;
    this.employer = employer;
    this.occupation = occupation;
    this.issued = issued;
    this.validFrom = validFrom;
    this.validTo = validTo;
  }

  boolean covers(LocalDate day) {
    return !validFrom.isAfter(day) && !validTo.isBefore(day);
  }
}
