package org.migstat.generate;

import static org.migstat.generate.Span.END;
import static org.migstat.generate.Span.INITIAL_LOAD;
import static org.migstat.generate.Span.REFERENCE;

import java.time.LocalDate;
import org.migstat.generate.Population.Group;
import org.migstat.generate.Timeline.Role;
import org.migstat.generate.Timeline.Stint;

/** Derives a person — timeline first, then who they are — from the person's own random stream. */
final class People {
  private People() {}

  private enum Kind { WORKER, CHILD, SPOUSE, STUDENT, RETIREE, KHMER_DESCENT, LONG_STAY }

  static Timeline timeline(Rng r, Group g, LocalDate registered) {
    LocalDate left;
    Role role;
    boolean worker;
    if (g.kind() == Population.Kind.INDONESIAN) {
      Cell cell = g.cell();
      left = cell.leave.pick(r, registered);
      switch (cell.atReference) {
        case HOLDER -> role = Role.HOLDER;
        case NO_VALID_PERMIT -> role = withoutValidPermit(r, registered);
        default -> role = Role.ABSENT;
      }
    } else {
      left = otherDeparture(r, g.kind(), registered);
      boolean present = new Stint(registered, left).presentOn(REFERENCE);
      role = !present ? Role.ABSENT : r.chance(g.nat().holderShare) ? Role.HOLDER : withoutValidPermit(r, registered);
    }
    worker = role == Role.ABSENT ? r.chance(g.nat().workerShare) : role != Role.NO_PERMITS;
    return new Timeline(new Stint(registered, left), earlierStay(r, registered), role, worker);
  }

  /** Resident on the reference date without a valid permit: why. Falls back when too recent. */
  private static Role withoutValidPermit(Rng r, LocalDate registered) {
    Role role = switch (r.weighted(52, 16, 8, 6, 5, 13)) {
      case 0 -> Role.NO_PERMITS;
      case 1 -> Role.GAP;
      case 2 -> Role.REVOKED;
      case 3 -> Role.SHORT;
      case 4 -> Role.CANCELLED;
      default -> Role.LATER_START;
    };
    if (role == Role.GAP && registered.isAfter(REFERENCE.minusDays(100))
        || role == Role.REVOKED && registered.isAfter(REFERENCE.minusDays(30))) {
      return Role.LATER_START;
    }
    return role;
  }

  private static LocalDate otherDeparture(Rng r, Population.Kind kind, LocalDate registered) {
    double u = r.unit();
    if (kind == Population.Kind.OTHER_INITIAL) {
      if (u < 0.01 && !registered.plusDays(60).isAfter(INITIAL_LOAD)) {
        return r.date(registered.plusDays(60), INITIAL_LOAD);
      }
      return u < 0.07 ? r.date(Span.max(registered.plusDays(30), INITIAL_LOAD.plusDays(1)), END) : null;
    }
    return u < 0.12 && registered.plusDays(60).isBefore(END) ? r.date(registered.plusDays(60), END) : null;
  }

  /** Some who registered after the initial load had been here before under another record. */
  private static Stint earlierStay(Rng r, LocalDate registered) {
    if (registered.isBefore(LocalDate.of(2022, 6, 1)) || !r.chance(0.025)) {
      return null;
    }
    LocalDate from = registered.minusDays(r.between(200, 900));
    LocalDate to = Span.min(registered.minusDays(r.between(30, 150)), REFERENCE.minusDays(1));
    return to.isAfter(from.plusDays(60)) ? new Stint(from, to) : null;
  }

  static Person person(Rng r, Group g, long index, Timeline t) {
    Nationality nat = g.nat();
    Kind kind = t.worker() ? Kind.WORKER : dependantKind(r, nat);
    LocalDate registered = t.earlier() != null ? t.earlier().registered() : t.main().registered();
    int age = ageAtRegistration(r, kind);
    LocalDate birth = t.main().registered().minusYears(age).minusDays(r.between(0, 364));
    String sex = sex(r, nat, kind);
    Employer employer = t.worker() ? Employer.pick(r, nat) : null;
    PermitType type = t.worker() ? permitType(r, nat) : null;
    return new Person(index, nat, r.chance(0.02) ? "TRAVEL_DOC" : "PASSPORT", nat.docNumber(index),
        Names.full(r, nat, sex), sex, r.chance(0.03) || birth.isAfter(registered) ? null : birth,
        r.weighted(nat.mix.weights), stayCategory(r, kind), countryOfBirth(r, nat), employer, type);
  }

  private static Kind dependantKind(Rng r, Nationality nat) {
    boolean vietnamese = nat == Nationality.VNM;
    return switch (r.weighted(30, 30, 20, nat == Nationality.IDN ? 3 : 12, vietnamese ? 30 : 2, 15)) {
      case 0 -> Kind.CHILD;
      case 1 -> Kind.SPOUSE;
      case 2 -> Kind.STUDENT;
      case 3 -> Kind.RETIREE;
      case 4 -> Kind.KHMER_DESCENT;
      default -> Kind.LONG_STAY;
    };
  }

  private static int ageAtRegistration(Rng r, Kind kind) {
    return switch (kind) {
      case WORKER -> {
        double u = r.unit();
        if (u < 0.70) {
          yield 20 + (r.between(0, 25) + r.between(0, 25)) / 2;
        }
        yield u < 0.90 ? r.between(25, 45) : r.between(45, 60);
      }
      case CHILD -> r.between(0, 16);
      case SPOUSE -> r.between(20, 45);
      case STUDENT -> r.between(18, 25);
      case RETIREE -> r.between(55, 72);
      case KHMER_DESCENT -> r.between(20, 60);
      case LONG_STAY -> r.between(20, 50);
    };
  }

  private static String sex(Rng r, Nationality nat, Kind kind) {
    if (r.chance(0.02)) {
      return "";
    }
    double male = kind == Kind.WORKER ? nat.maleShareOfWorkers : kind == Kind.SPOUSE ? 0.2 : 0.5;
    return r.chance(male) ? "M" : "F";
  }

  private static String stayCategory(Rng r, Kind kind) {
    return switch (kind) {
      case WORKER -> r.chance(0.85) ? "EB" : "EG";
      case CHILD, SPOUSE -> "EG";
      case STUDENT -> "ES";
      case RETIREE -> "ER";
      case KHMER_DESCENT -> "K";
      case LONG_STAY -> "T";
    };
  }

  private static String countryOfBirth(Rng r, Nationality nat) {
    double u = r.unit();
    if (u < 0.85) {
      return nat.name();
    }
    if (u < 0.96) {
      return "";
    }
    return switch (nat) {
      case IDN -> r.chance(0.5) ? "MYS" : "SGP";
      case CHN -> "HKG";
      default -> "KHM";
    };
  }

  private static PermitType permitType(Rng r, Nationality nat) {
    double[] w = switch (nat) {
      case IDN -> new double[] {78, 4, 6, 5, 3, 2, 2};
      case CHN -> new double[] {60, 8, 12, 5, 2, 1, 12};
      default -> new double[] {60, 7, 15, 5, 4, 4, 5};
    };
    return PermitType.values()[r.weighted(w)];
  }
}
