package org.migstat.generate;

import static org.migstat.generate.PermitRow.EMPLOYER;
import static org.migstat.generate.PermitRow.HOLDER_DOC_NUMBER;
import static org.migstat.generate.PermitRow.OCCUPATION;
import static org.migstat.generate.PermitRow.SECTOR_ISIC;
import static org.migstat.generate.PermitRow.STATUS;
import static org.migstat.generate.PermitRow.STATUS_DATE;
import static org.migstat.generate.Span.HORIZON;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The versions of one permit in the permit registry: issued (or renewed), perhaps corrected, perhaps
 * revoked or cancelled. A correction always ends in the right values and comes before the last
 * extract, so the final version is the planned permit.
 */
final class PermitHistory {
  private PermitHistory() {}

  static List<PermitRow> build(Rng r, Person person, Permit p, String permitNo) {
    String[] state = new String[PermitRow.KEYS.size()];
    state[PermitRow.PERMIT_NO] = permitNo;
    state[PermitRow.HOLDER_DOC_TYPE] = Documents.type(r, person);
    state[HOLDER_DOC_NUMBER] = Documents.number(r, person);
    state[PermitRow.HOLDER_DOC_COUNTRY] = Countries.documentCountry(r, person.nat().name());
    state[PermitRow.HOLDER_NAME] = r.chance(0.8) ? person.name().toUpperCase(Locale.ROOT) : person.name();
    state[EMPLOYER] = p.employer.name();
    state[SECTOR_ISIC] = p.employer.sector(r);
    state[OCCUPATION] = p.occupation;
    state[PermitRow.PERMIT_TYPE] = p.type.spell(r);
    state[PermitRow.ISSUE_DATE] = p.issued.toString();
    state[PermitRow.VALID_FROM] = p.validFrom.toString();
    state[PermitRow.VALID_TO] = p.validTo.toString();
    state[STATUS] = p.renewal ? "RENEWED" : "ISSUED";
    state[STATUS_DATE] = r.chance(0.85) ? p.issued.toString() : null;

    LocalDateTime issued = r.officeTime(p.issued);
    LocalDate ended = p.cancelledOn != null ? p.cancelledOn : p.revokedOn;
    LocalDateTime endedAt = ended == null ? null : later(r, issued, r.officeTime(ended.plusDays(r.between(0, 5))));
    LocalDateTime correctionLimit = endedAt != null ? endedAt : HORIZON;

    List<PermitRow> rows = new ArrayList<>(3);
    String[] corrected = null;
    LocalDateTime correctedAt = null;
    double u = r.unit();
    if (u < 0.04) {
      correctedAt = r.officeTime(p.issued.plusDays(r.between(3, 120)));
      if (correctedAt.isBefore(correctionLimit.minusDays(1)) && correctedAt.isAfter(issued)) {
        corrected = state.clone();
        if (u < 0.008) { // the holder's number was mistyped at first
          state[HOLDER_DOC_NUMBER] = Documents.mistyped(r, person);
        } else if (u < 0.02) {
          corrected[EMPLOYER] = p.employer.respelled();
        } else if (u < 0.03) {
          corrected[SECTOR_ISIC] = p.employer.activity().section();
        } else {
          corrected[OCCUPATION] = p.employer.occupation(r);
        }
      }
    }
    rows.add(PermitRow.of(state, issued));
    if (corrected != null) {
      state = corrected;
      rows.add(PermitRow.of(state, correctedAt));
    }
    if (ended != null) {
      state[STATUS] = p.cancelledOn != null ? "CANCELLED" : "REVOKED";
      state[STATUS_DATE] = ended.toString();
      rows.add(PermitRow.of(state, later(r, rows.get(rows.size() - 1).lastUpdated(), endedAt)));
    }
    return rows;
  }

  /** {@code candidate}, or a few minutes after {@code previous} if it is not later. */
  private static LocalDateTime later(Rng r, LocalDateTime previous, LocalDateTime candidate) {
    return candidate.isAfter(previous) ? candidate : previous.plusMinutes(r.between(5, 300));
  }
}
