package org.migstat.generate;

import static org.migstat.generate.ResidentRow.BIRTH_DATE;
import static org.migstat.generate.ResidentRow.CITIZENSHIP;
import static org.migstat.generate.ResidentRow.DEREGISTRATION_DATE;
import static org.migstat.generate.ResidentRow.DISTRICT;
import static org.migstat.generate.ResidentRow.DOC_NUMBER;
import static org.migstat.generate.ResidentRow.FULL_NAME;
import static org.migstat.generate.ResidentRow.PROVINCE;
import static org.migstat.generate.ResidentRow.RECORD_STATUS;
import static org.migstat.generate.ResidentRow.REGISTRATION_DATE;
import static org.migstat.generate.ResidentRow.SEX;
import static org.migstat.generate.ResidentRow.STAY_CATEGORY;
import static org.migstat.generate.ResidentRow.date;
import static org.migstat.generate.Span.HORIZON;
import static org.migstat.generate.Span.INITIAL_LOAD;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.migstat.generate.ResidentRow.History;
import org.migstat.generate.Timeline.Stint;

/**
 * The resident-registry records of one person, version by version. Late corrections only ever end
 * in the person's true state, and the extra records (a duplicate registration, a mistyped one) are
 * deleted again or describe the same person — so the counted state is the one the cells fixed.
 */
final class ResidentHistory {
  private ResidentHistory() {}

  /** When the registry's current system took over the older records (their first last_updated). */
  static final LocalDateTime SYSTEM_MIGRATION = LocalDateTime.of(2019, 1, 6, 2, 30, 0);

  /** A later version: when, and what it changes in the record. */
  private record Change(LocalDateTime at, Consumer<String[]> apply) {}

  static List<History> build(Rng r, Person p, Timeline t, long serial) {
    List<History> records = new ArrayList<>(2);
    String mainId = Ids.recordId(serial, Ids.SLOT_MAIN);
    List<ResidentRow> main = mainRecord(r, p, t.main(), mainId);
    records.add(new History(mainId, main));
    double u = r.unit();
    if (u < 0.016) {
      boolean mistyped = u < 0.004;
      String id = Ids.recordId(serial, Ids.SLOT_DUPLICATE);
      List<ResidentRow> rows = deletedDuplicate(r, p, t.main(), id, main.get(0).lastUpdated(), mistyped);
      if (!rows.isEmpty()) {
        records.add(new History(id, rows));
      }
    } else if (u < 0.021 && t.main().deregistered() == null) {
      String id = Ids.recordId(serial, Ids.SLOT_DUPLICATE);
      String[] state = initialState(r, p, t.main(), id);
      LocalDateTime at = r.officeTime(main.get(0).lastUpdated().toLocalDate().plusDays(r.between(1, 30)));
      if (!at.isAfter(HORIZON)) {
        records.add(new History(id, List.of(ResidentRow.of(state, at))));
      }
    }
    if (t.earlier() != null) {
      String id = Ids.recordId(serial, Ids.SLOT_EARLIER_STAY);
      records.add(new History(id, earlierStay(r, initialState(r, p, t.earlier(), id), t.earlier())));
    }
    return records;
  }

  /** The fields as a clerk first typed them, with this record's own spellings. */
  static String[] initialState(Rng r, Person p, Stint s, String recordId) {
    String[] v = new String[ResidentRow.HEADER.size()];
    v[ResidentRow.RECORD_ID] = recordId;
    v[ResidentRow.DOC_TYPE] = Documents.type(r, p);
    v[DOC_NUMBER] = Documents.number(r, p);
    v[ResidentRow.DOC_COUNTRY] = Countries.documentCountry(r, p.nat().name());
    String name = r.chance(0.75) ? p.name().toUpperCase(Locale.ROOT) : p.name();
    v[FULL_NAME] = r.chance(0.02) ? name + " " : name;
    v[CITIZENSHIP] = Countries.citizenship(r, p.nat().name());
    v[ResidentRow.COUNTRY_OF_BIRTH] = p.countryOfBirth();
    v[SEX] = p.sex();
    v[BIRTH_DATE] = date(p.birth());
    v[PROVINCE] = Provinces.spell(r, p.province());
    v[DISTRICT] = Provinces.district(r, p.province());
    v[STAY_CATEGORY] = p.stayCategory();
    v[REGISTRATION_DATE] = date(s.registered());
    v[DEREGISTRATION_DATE] = "";
    v[RECORD_STATUS] = "A";
    return v;
  }

  private static List<ResidentRow> mainRecord(Rng r, Person p, Stint s, String id) {
    String[] state = initialState(r, p, s, id);
    LocalDateTime first = registeredAt(r, s.registered());
    LocalDateTime limit = departedAt(r, s);
    List<Change> changes = new ArrayList<>();
    LocalDate from = first.toLocalDate().plusDays(2);
    LocalDate to = (limit == null ? HORIZON : limit).toLocalDate().minusDays(2);
    if (!from.isBefore(to)) {
      return stay(state, s, limit, first, changes);
    }
    if (r.chance(0.04)) { // moved house
      int province = r.weighted(p.nat().mix.weights);
      String spelled = Provinces.spell(r, province);
      String district = Provinces.district(r, province);
      changes.add(new Change(r.officeTime(r.date(from, to)), v -> {
        v[PROVINCE] = spelled;
        v[DISTRICT] = district;
      }));
    }
    if (r.chance(0.02)) { // visa category changed
      String stay = r.chance(0.5) ? "EB" : "EG";
      changes.add(new Change(r.officeTime(r.date(from, to)), v -> v[STAY_CATEGORY] = stay));
    }
    correctLater(r, state, changes, from, to, FULL_NAME, Names.typo(r, state[FULL_NAME]), 0.015);
    if (p.birth() != null) {
      correctLater(r, state, changes, from, to, BIRTH_DATE, "", 0.015);
    }
    if (!p.sex().isEmpty()) {
      correctLater(r, state, changes, from, to, SEX, "", 0.01);
    }
    String code = p.nat().name();
    correctLater(r, state, changes, from, to, CITIZENSHIP, Countries.citizenship(r, code), 0.01);
    correctLater(r, state, changes, from, to, REGISTRATION_DATE, date(s.registered().plusDays(r.between(1, 25))),
        0.005);
    if (r.chance(0.003)) { // a departure recorded by mistake, withdrawn later
      LocalDate a = r.date(from, to);
      LocalDate b = r.date(a.plusDays(1), to.plusDays(1));
      String wrong = date(r.date(s.registered().plusDays(1), a));
      changes.add(new Change(r.officeTime(a), v -> v[DEREGISTRATION_DATE] = wrong));
      changes.add(new Change(r.officeTime(b), v -> v[DEREGISTRATION_DATE] = ""));
    }
    return stay(state, s, limit, first, changes);
  }

  /**
   * With probability p the first version carries {@code wrong} in a column, and a later version
   * puts the right value back.
   */
  private static void correctLater(Rng r, String[] state, List<Change> changes, LocalDate from, LocalDate to,
      int column, String wrong, double p) {
    if (!r.chance(p) || wrong.equals(state[column])) {
      return;
    }
    String right = state[column];
    state[column] = wrong;
    changes.add(new Change(r.officeTime(r.date(from, to)), v -> v[column] = right));
  }

  /** Registration, corrections, deregistration: the versions of a record for one stay. */
  private static List<ResidentRow> stay(String[] state, Stint s, LocalDateTime limit, LocalDateTime first,
      List<Change> changes) {
    List<ResidentRow> rows = new ArrayList<>();
    rows.add(ResidentRow.of(state, first));
    changes.sort(Comparator.comparing(Change::at));
    LocalDateTime last = first;
    for (Change c : changes) {
      LocalDateTime at = c.at.isAfter(last) ? c.at : last.plusMinutes(7);
      c.apply.accept(state);
      rows.add(ResidentRow.of(state, at));
      last = at;
    }
    if (limit != null) {
      state[DEREGISTRATION_DATE] = date(s.deregistered());
      rows.add(ResidentRow.of(state, limit.isAfter(last) ? limit : last.plusMinutes(7)));
    }
    return rows;
  }

  /** The record of an earlier stay: registered, deregistered, nothing else. */
  private static List<ResidentRow> earlierStay(Rng r, String[] state, Stint s) {
    LocalDateTime first = registeredAt(r, s.registered());
    return stay(state, s, departedAt(r, s), first, new ArrayList<>());
  }

  /** Entered the same person again (or with a mistyped number), and deleted it some weeks later. */
  private static List<ResidentRow> deletedDuplicate(Rng r, Person p, Stint s, String id, LocalDateTime mainFirst,
      boolean mistyped) {
    String[] state = initialState(r, p, s, id);
    if (mistyped) {
      state[DOC_NUMBER] = Documents.mistyped(r, p);
    }
    LocalDateTime created = r.officeTime(mainFirst.toLocalDate().plusDays(r.between(1, 60)));
    LocalDateTime deleted = r.officeTime(created.toLocalDate().plusDays(r.between(3, 90)));
    if (deleted.isAfter(HORIZON)) {
      return List.of();
    }
    ResidentRow entered = ResidentRow.of(state, created);
    state[RECORD_STATUS] = "D";
    return List.of(entered, ResidentRow.of(state, deleted));
  }

  /**
   * Registrations are keyed in a few days later; the initial load holds everyone registered by then.
   * Records older than the current system carry the time they were migrated into it.
   */
  private static LocalDateTime registeredAt(Rng r, LocalDate registered) {
    if (registered.isBefore(SYSTEM_MIGRATION.toLocalDate())) {
      return SYSTEM_MIGRATION;
    }
    LocalDate day = registered.plusDays(r.chance(0.6) ? r.between(0, 2) : r.between(3, 10));
    if (!registered.isAfter(INITIAL_LOAD) && day.isAfter(INITIAL_LOAD)) {
      day = INITIAL_LOAD;
    }
    return r.officeTime(day);
  }

  /** When the departure reached the registry; null if never or only after the last extract. */
  private static LocalDateTime departedAt(Rng r, Stint s) {
    if (s.deregistered() == null) {
      return null;
    }
    LocalDateTime at = r.officeTime(s.deregistered().plusDays(r.between(0, 10)));
    return at.isAfter(HORIZON) ? null : at;
  }
}
