package org.migstat.generate;

import static org.migstat.generate.Span.REFERENCE;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Rows every pipeline must quarantine. Each belongs to a record of its own that has no valid version
 * at all, and describes an Indonesian who would otherwise count on the reference date — so a rule
 * that is not applied shows up in the calibrated figures, while applying the rules before or after
 * picking the latest version gives the same result.
 */
final class Junk {
  private Junk() {}

  private static final String[] IMPOSSIBLE_DAYS = {
      "30/02/2024", "30/02/2023", "29/02/2023", "31/04/2023", "31/06/2022", "31/09/2023", "31/11/2022"};
  private static final String[] IMPOSSIBLE_ISO_DAYS = {"2024-02-30", "2024-04-31", "2025-02-29", "2024-06-31"};

  static ResidentRow resident(Rng r, Person p, long serial, LocalDate day) {
    LocalDate registered = r.date(LocalDate.of(2020, 1, 1), Span.min(day, REFERENCE.minusDays(1)));
    String[] v = ResidentHistory.initialState(r, p, new Timeline.Stint(registered, null), Ids.recordId(serial, 0));
    LocalDateTime at = r.officeTime(day);
    v[ResidentRow.LAST_UPDATED] = ResidentRow.TIMESTAMP.format(at);
    switch (r.weighted(25, 20, 8, 10, 10, 12, 5, 5, 5)) {
      case 0 -> v[ResidentRow.REGISTRATION_DATE] = r.pick(IMPOSSIBLE_DAYS);
      case 1 -> v[ResidentRow.CITIZENSHIP] = r.pick(Countries.UNKNOWN);
      case 2 -> v[ResidentRow.DOC_NUMBER] = "";
      case 3 -> v[ResidentRow.DEREGISTRATION_DATE] = ResidentRow.date(registered.minusDays(r.between(1, 400)));
      case 4 -> v[ResidentRow.BIRTH_DATE] = ResidentRow.date(registered.plusDays(r.between(1, 3000)));
      case 5 -> v[ResidentRow.PROVINCE] = r.pick(Provinces.UNKNOWN);
      case 6 -> v[ResidentRow.RECORD_STATUS] = r.chance(0.5) ? "X" : "?";
      case 7 -> v[ResidentRow.LAST_UPDATED] = r.chance(0.5)
          ? "31/11/2023 " + v[ResidentRow.LAST_UPDATED].substring(11)
          : at.toString().replace('T', ' ');
      default -> v[ResidentRow.RECORD_ID] = "";
    }
    return new ResidentRow(v, at);
  }

  static PermitRow permit(Rng r, Person p, long serial, LocalDate day) {
    LocalDate from = r.date(REFERENCE.minusDays(330), REFERENCE.minusDays(1));
    LocalDate issued = from.minusDays(r.between(0, 20));
    Permit permit = new Permit(p.permitType(), p.employer(), p.employer().occupation(r), issued, from,
        from.plusMonths(12).minusDays(1));
    String no = Ids.permitNo(issued.getYear(), serial, 0);
    String[] v = PermitHistory.build(r, p, permit, no).get(0).values().clone();
    LocalDateTime at = r.officeTime(Span.max(day, issued));
    v[PermitRow.LAST_UPDATED] = PermitRow.TIMESTAMP.format(at);
    switch (r.weighted(35, 22, 12, 8, 8, 5, 5, 5, 3)) {
      case 0 -> v[PermitRow.VALID_TO] = from.minusDays(r.between(1, 200)).toString();
      case 1 -> v[r.chance(0.7) ? PermitRow.VALID_TO : PermitRow.ISSUE_DATE] = r.pick(IMPOSSIBLE_ISO_DAYS);
      case 2 -> v[PermitRow.HOLDER_DOC_COUNTRY] = r.pick(Countries.UNKNOWN);
      case 3 -> v[PermitRow.PERMIT_TYPE] = r.pick(PermitType.UNKNOWN);
      case 4 -> v[PermitRow.STATUS] = r.pick(new String[] {"EXPIRED", "PENDING", "SUSPENDED"});
      case 5 -> {
        v[PermitRow.STATUS] = "REVOKED";
        v[PermitRow.STATUS_DATE] = null;
      }
      case 6 -> v[PermitRow.HOLDER_DOC_NUMBER] = "";
      case 7 -> v[PermitRow.LAST_UPDATED] = at.getYear() + "-13-01T" + v[PermitRow.LAST_UPDATED].substring(11);
      default -> v[PermitRow.PERMIT_NO] = "";
    }
    return new PermitRow(v, at);
  }

  /** Both junk kinds are made from plain Indonesian workers (adults, so born long before 2020). */
  static Timeline timeline(LocalDate registered) {
    return new Timeline(new Timeline.Stint(registered, null), null, Timeline.Role.HOLDER, true);
  }
}
