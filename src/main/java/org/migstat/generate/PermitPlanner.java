package org.migstat.generate;

import static org.migstat.generate.Span.END;
import static org.migstat.generate.Span.REFERENCE;
import static org.migstat.generate.Span.WORK_HISTORY_START;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.migstat.generate.Timeline.Role;
import org.migstat.generate.Timeline.Stint;

/**
 * Plans the work permits of one person. Around the reference date the plan follows the person's
 * {@link Role} exactly: only a HOLDER has an in-scope, unrevoked, uncancelled permit covering
 * 2024-03-13, and no Indonesian absent that day has one (for other nationalities the ministry is
 * sometimes not told of a departure). Before and after it, permits follow each other as renewals
 * (mostly back to back, some after a gap of 6 months or more, some with another type), and the
 * permit running when a person leaves is revoked.
 */
final class PermitPlanner {
  private final Rng r;
  private final Person person;
  private PermitType type;
  private Employer employer;
  private String occupation;

  PermitPlanner(Rng r, Person person) {
    this.r = r;
    this.person = person;
    this.type = person.permitType();
    this.employer = person.employer();
    this.occupation = employer == null ? null : employer.occupation(r);
  }

  List<Permit> plan(Timeline t) {
    List<Permit> permits = new ArrayList<>();
    if (!t.worker()) {
      return permits;
    }
    if (t.earlier() != null) {
      List<Permit> before = new ArrayList<>();
      forward(before, workStart(t.earlier().registered()), t.earlier().deregistered());
      revokeAtDeparture(before, t.earlier().deregistered());
      permits.addAll(before);
    }
    Stint s = t.main();
    List<Permit> now = new ArrayList<>();
    switch (t.role()) {
      case ABSENT -> forward(now, workStart(s.registered()), s.deregistered());
      case HOLDER -> holder(now, s);
      case GAP -> {
        LocalDate lastEnd = r.date(Span.max(s.registered().plusDays(90), REFERENCE.minusDays(400)), REFERENCE.minusDays(2));
        backward(now, lastEnd.plusDays(1), s.registered(), true);
        if (r.chance(0.7)) {
          forward(now, REFERENCE.plusDays(r.between(2, 240)), s.deregistered());
        }
      }
      case REVOKED -> {
        Permit p = anchor(now, s, 12, Span.max(s.registered(), REFERENCE.minusDays(300)), REFERENCE.minusDays(20));
        p.revokedOn = r.date(p.validFrom.plusDays(7), REFERENCE.minusDays(1));
        if (r.chance(0.6)) {
          forward(now, REFERENCE.plusDays(r.between(30, 200)), s.deregistered());
        }
      }
      case SHORT -> {
        Permit p = anchor(now, s, 2, Span.max(s.registered(), REFERENCE.minusDays(55)), REFERENCE.minusDays(1));
        forward(now, p.validTo.plusDays(1 + gapDays()), s.deregistered());
      }
      case CANCELLED -> {
        Permit p = anchor(now, s, 12, Span.max(s.registered(), REFERENCE.minusDays(200)), REFERENCE.minusDays(1));
        p.cancelledOn = p.issued.plusDays(r.between(3, 40));
        if (r.chance(0.5)) {
          forward(now, REFERENCE.plusDays(r.between(10, 180)), s.deregistered());
        }
      }
      case LATER_START -> forward(now, Span.max(REFERENCE.plusDays(1), s.registered()).plusDays(r.between(0, 90)),
          s.deregistered());
      case NO_PERMITS -> { }
    }
    revokeAtDeparture(now, s.deregistered());
    permits.addAll(now);
    permits.sort(Comparator.comparing((Permit p) -> p.validFrom).thenComparing(p -> p.issued));
    markRenewals(permits);
    return permits.size() > Ids.PERMIT_SLOTS ? permits.subList(0, Ids.PERMIT_SLOTS) : permits;
  }

  /** A valid permit of 3 months or more over the reference date, with its history and future. */
  private void holder(List<Permit> out, Stint s) {
    int months = duration(true);
    LocalDate earliest = Span.max(s.registered(), REFERENCE.minusMonths(months).plusDays(2));
    Permit p = anchor(out, s, months, earliest, REFERENCE.minusDays(1));
    LocalDate next = p.validTo.plusDays(1 + gapDays());
    double u = r.unit();
    if (u < 0.03 && p.validFrom.isBefore(REFERENCE.minusDays(2))) { // a second job, overlapping
      LocalDate from = r.date(p.validFrom.plusDays(1), REFERENCE.minusDays(1));
      Employer other = Employer.pick(r, person.nat());
      out.add(new Permit(PermitType.values()[r.between(0, 2)], other, other.occupation(r), from.minusDays(r.between(0, 20)),
          from, from.plusMonths(12).minusDays(1)));
    } else if (u < 0.04) { // keyed twice, the copy cancelled
      Permit copy = new Permit(p.type, p.employer, p.occupation, p.issued, p.validFrom, p.validTo);
      copy.cancelledOn = p.issued.plusDays(r.between(1, 10));
      out.add(copy);
    } else if (u < 0.06 && p.validTo.isAfter(REFERENCE.plusDays(30))) { // revoked later on, new employer
      p.revokedOn = r.date(REFERENCE.plusDays(1), p.validTo.minusDays(1));
      newEmployer();
      next = p.revokedOn.plusDays(r.between(30, 200));
    }
    forward(out, next, s.deregistered());
  }

  /**
   * The permit that decides the role: starts in [earliest, latest] (or on latest if that window is
   * empty), runs {@code months}; earlier permits lead up to it.
   */
  private Permit anchor(List<Permit> out, Stint s, int months, LocalDate earliest, LocalDate latest) {
    LocalDate from = r.date(earliest, latest);
    LocalDate to = from.plusMonths(months).minusDays(1);
    if (!to.isAfter(REFERENCE)) {
      from = latest;
      to = from.plusMonths(months).minusDays(1);
    }
    backward(out, from.minusDays(gapDays()), s.registered(), false);
    Permit p = permit(from, to, r.between(0, 30));
    out.add(p);
    return p;
  }

  /** Earlier permits ending before {@code before}, back to registration (or until the person began work). */
  private void backward(List<Permit> out, LocalDate before, LocalDate registered, boolean atLeastOne) {
    LocalDate end = before.minusDays(1);
    LocalDate floor = Span.max(registered, WORK_HISTORY_START);
    for (int i = 0; i < 6 && !end.isBefore(floor); i++) {
      if (!(atLeastOne && i == 0) && r.chance(0.45)) {
        return;
      }
      maybeChangeJob();
      LocalDate from = end.minusMonths(duration(false)).plusDays(1);
      if (from.isBefore(registered)) {
        from = registered;
      }
      out.add(permit(from, end, r.between(0, 30)));
      end = from.minusDays(1 + gapDays());
    }
  }

  /** Permits from {@code start} onwards until the person leaves or the last extract. */
  private void forward(List<Permit> out, LocalDate start, LocalDate leaves) {
    LocalDate from = start;
    for (int i = 0; i < 8; i++) {
      int lead = r.between(0, 30);
      if (from.minusDays(lead).isAfter(END) || leaves != null && from.isAfter(leaves.minusDays(30))
          || i > 0 && r.chance(0.15)) {
        return; // not yet issued, left the country, or stopped working here
      }
      if (i > 0) {
        maybeChangeJob();
      }
      Permit p = permit(from, from.plusMonths(duration(false)).minusDays(1), lead);
      out.add(p);
      from = p.validTo.plusDays(1 + gapDays());
      if (r.chance(0.02) && p.validTo.isAfter(p.validFrom.plusDays(40))) { // revoked mid-way, found new work
        p.revokedOn = r.date(p.validFrom.plusDays(20), p.validTo.minusDays(1));
        newEmployer();
        from = p.revokedOn.plusDays(r.between(30, 200));
      }
    }
  }

  /**
   * A departure revokes the permit running on that day. If the person was resident on the reference
   * date and left after it, the revocation is after the reference date too; if they left before it,
   * so is the revocation — either way the role on the reference date stands.
   */
  private void revokeAtDeparture(List<Permit> permits, LocalDate left) {
    if (left == null) {
      return;
    }
    for (Permit p : permits) {
      boolean running = p.covers(left) && p.cancelledOn == null && (p.revokedOn == null || p.revokedOn.isAfter(left));
      if (!running || person.nat() != Nationality.IDN && r.chance(0.15)) {
        continue; // the labour ministry is not always told
      }
      LocalDate on = Span.max(p.validFrom, left.minusDays(r.between(0, 14)));
      if (left.isAfter(REFERENCE) && p.covers(REFERENCE) && !on.isAfter(REFERENCE)) {
        on = REFERENCE.plusDays(1);
      }
      p.revokedOn = on;
    }
  }

  /** RENEWED when an earlier permit was valid or expired less than 6 months before; ISSUED otherwise. */
  private static void markRenewals(List<Permit> sorted) {
    LocalDate lastEnd = null;
    for (Permit p : sorted) {
      if (p.cancelledOn != null) {
        continue;
      }
      p.renewal = lastEnd != null && !lastEnd.isBefore(p.validFrom.minusMonths(6));
      LocalDate end = p.revokedOn != null && p.revokedOn.isBefore(p.validTo) ? p.revokedOn : p.validTo;
      lastEnd = lastEnd == null || end.isAfter(lastEnd) ? end : lastEnd;
    }
  }

  private Permit permit(LocalDate from, LocalDate to, int leadDays) {
    return new Permit(type, employer, occupation, from.minusDays(leadDays), from, to);
  }

  private LocalDate workStart(LocalDate registered) {
    LocalDate start = registered.plusDays(r.between(0, 45));
    return start.isBefore(WORK_HISTORY_START) ? WORK_HISTORY_START.plusDays(r.between(0, 364)) : start;
  }

  /**
   * Months of validity: mostly 12, some 24, 6 or 3-5, a few 5-year ones (more of the longer ones for
   * the expatriate nationalities); 2 months only where the plan allows an out-of-scope permit.
   */
  private int duration(boolean inScope) {
    double shortOnes = inScope ? 0 : 1.5;
    int i = person.nat() == Nationality.IDN
        ? r.weighted(shortOnes, 2, 2, 2, 8, 52, 24, 8.5)
        : r.weighted(shortOnes, 1.5, 1.5, 1.5, 6, 40, 36, 12);
    return new int[] {2, 3, 4, 5, 6, 12, 24, 60}[i];
  }

  /** Days between one permit's end and the next one's start: usually none. */
  private int gapDays() {
    double u = r.unit();
    return u < 0.75 ? 0 : u < 0.88 ? r.between(1, 60) : r.between(183, 400);
  }

  private void maybeChangeJob() {
    if (r.chance(0.12)) {
      type = PermitType.values()[r.weighted(70, 5, 10, 5, 3, 2, 5)];
      newEmployer();
    }
  }

  private void newEmployer() {
    employer = Employer.pick(r, person.nat());
    occupation = employer.occupation(r);
  }
}
