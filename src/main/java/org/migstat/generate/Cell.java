package org.migstat.generate;

import static org.migstat.generate.Span.END;
import static org.migstat.generate.Span.INITIAL_LOAD;
import static org.migstat.generate.Span.LATE;
import static org.migstat.generate.Span.REFERENCE;

import java.time.LocalDate;

/**
 * The Indonesian population, cut into cells whose sizes make the calibrated figures exact by
 * construction. A cell fixes when its members registered, when (if ever) they left, and whether they
 * hold a valid work permit on the reference date. No date of a cell touches 2024-03-13 or 2024-10-31,
 * so a counting rule that is off by one day cannot change the figures. At scale N each cell has N
 * times its members, hence every figure is multiplied by N exactly (scale 1):
 * <pre>
 *   resident on 2022-01-31 ............ 40,000   (INITIAL_*)
 *   resident on 2024-03-13 ............ 73,500   (cells present at the reference date)
 *   holding a valid permit then ....... 58,307   (cells marked HOLDER)
 *   resident on 2024-10-31 ............ 89,000   (*_STAYING and ARRIVED_AFTER_REFERENCE)
 * </pre>
 */
enum Cell {
  LEFT_BEFORE_2022(800, Curve.UNIFORM, day(2014, 1, 1), day(2021, 9, 30), Leave.BEFORE_INITIAL_LOAD, AtReference.ABSENT),
  INITIAL_LEFT_BEFORE_REFERENCE(5_000, Curve.INITIAL_LOAD, null, null, Leave.BEFORE_REFERENCE, AtReference.ABSENT),
  INITIAL_LEFT_BEFORE_LATE_HOLDER(2_400, Curve.INITIAL_LOAD, null, null, Leave.BETWEEN_REFERENCE_AND_LATE, AtReference.HOLDER),
  INITIAL_LEFT_BEFORE_LATE(600, Curve.INITIAL_LOAD, null, null, Leave.BETWEEN_REFERENCE_AND_LATE, AtReference.NO_VALID_PERMIT),
  INITIAL_STAYING_HOLDER(25_000, Curve.INITIAL_LOAD, null, null, Leave.AFTER_LATE_OR_NEVER, AtReference.HOLDER),
  INITIAL_STAYING(7_000, Curve.INITIAL_LOAD, null, null, Leave.AFTER_LATE_OR_NEVER, AtReference.NO_VALID_PERMIT),
  ARRIVED_LEFT_BEFORE_REFERENCE(3_000, Curve.UNIFORM, day(2022, 2, 1), REFERENCE.minusDays(61), Leave.BEFORE_REFERENCE,
      AtReference.ABSENT),
  ARRIVED_LEFT_BEFORE_LATE_HOLDER(3_300, Curve.ACCELERATING, day(2022, 2, 1), REFERENCE.minusDays(1),
      Leave.BETWEEN_REFERENCE_AND_LATE, AtReference.HOLDER),
  ARRIVED_LEFT_BEFORE_LATE(700, Curve.ACCELERATING, day(2022, 2, 1), REFERENCE.minusDays(1),
      Leave.BETWEEN_REFERENCE_AND_LATE, AtReference.NO_VALID_PERMIT),
  ARRIVED_STAYING_HOLDER(27_607, Curve.ACCELERATING, day(2022, 2, 1), REFERENCE.minusDays(1), Leave.AFTER_LATE_OR_NEVER,
      AtReference.HOLDER),
  ARRIVED_STAYING(6_893, Curve.ACCELERATING, day(2022, 2, 1), REFERENCE.minusDays(1), Leave.AFTER_LATE_OR_NEVER,
      AtReference.NO_VALID_PERMIT),
  ARRIVED_AFTER_REFERENCE_LEFT(1_000, Curve.UNIFORM, REFERENCE.plusDays(1), LATE.minusDays(61), Leave.BEFORE_LATE,
      AtReference.ABSENT),
  ARRIVED_AFTER_REFERENCE(22_500, Curve.ACCELERATING, REFERENCE.plusDays(1), LATE.minusDays(1), Leave.AFTER_LATE_OR_NEVER,
      AtReference.ABSENT),
  ARRIVED_AFTER_LATE(2_500, Curve.UNIFORM, LATE.plusDays(1), END, Leave.NEVER, AtReference.ABSENT);

  /** What a member of the cell is on the reference date. */
  enum AtReference { ABSENT, HOLDER, NO_VALID_PERMIT }

  final int perScale;
  final Curve curve;
  final LocalDate from;
  final LocalDate to;
  final Leave leave;
  final AtReference atReference;

  Cell(int perScale, Curve curve, LocalDate from, LocalDate to, Leave leave, AtReference atReference) {
    this.perScale = perScale;
    this.curve = curve;
    this.from = from;
    this.to = to;
    this.leave = leave;
    this.atReference = atReference;
  }

  /** Indonesian residents on the reference date at scale 1 (73,500). */
  static long residentsAtReference() {
    long n = 0;
    for (Cell c : values()) {
      n += c.atReference == AtReference.ABSENT ? 0 : c.perScale;
    }
    return n;
  }

  /** Indonesian valid-permit holders on the reference date at scale 1 (58,307). */
  static long holdersAtReference() {
    long n = 0;
    for (Cell c : values()) {
      n += c.atReference == AtReference.HOLDER ? c.perScale : 0;
    }
    return n;
  }

  /** Indonesian residents on 2024-10-31 at scale 1 (89,000): those registered by then who stay. */
  static long residentsLate() {
    long n = 0;
    for (Cell c : values()) {
      n += c.leave == Leave.AFTER_LATE_OR_NEVER ? c.perScale : 0;
    }
    return n;
  }

  /** When a member leaves, given when they registered; null = still registered at the end. */
  enum Leave {
    BEFORE_INITIAL_LOAD, BEFORE_REFERENCE, BETWEEN_REFERENCE_AND_LATE, BEFORE_LATE, AFTER_LATE_OR_NEVER, NEVER;

    LocalDate pick(Rng r, LocalDate registered) {
      return switch (this) {
        case BEFORE_INITIAL_LOAD -> r.date(registered.plusDays(90), INITIAL_LOAD);
        case BEFORE_REFERENCE -> r.date(Span.max(registered.plusDays(30), INITIAL_LOAD.plusDays(1)), REFERENCE.minusDays(1));
        case BETWEEN_REFERENCE_AND_LATE -> r.date(REFERENCE.plusDays(1), LATE.minusDays(1));
        case BEFORE_LATE -> r.date(registered.plusDays(30), LATE.minusDays(1));
        case AFTER_LATE_OR_NEVER -> r.chance(0.05) ? r.date(LATE.plusDays(1), END) : null;
        case NEVER -> null;
      };
    }
  }

  private static LocalDate day(int y, int m, int d) {
    return LocalDate.of(y, m, d);
  }
}
