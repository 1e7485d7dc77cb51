package org.migstat.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Property (issue 12, disclosure across releases): random case records, some reported late, published in a random
 * sequence of releases. Each release publishes, by type and by sex (linked: same persons), the year to date, the
 * month to date and every complete month so far, so a reader holds nested periods (year to date at two dates, a
 * month to date and its month) and vintages of the same month. Each release is protected with every earlier one
 * fixed; then an attacker with every published file and every relation finds no small count.
 */
class ReleaseSequenceTest {
  static final Policy POLICY = Policy.threshold("cases", 5);
  static final List<String> TYPES = List.of("t1", "t2", "t3");
  static final List<String> SEXES = List.of("F", "M");
  static final int YEAR = 2024;

  record Rec(String type, String sex, LocalDate reported, int knownFrom) {}

  /** One period of one release: its two breakdowns. */
  record Period(String release, LocalDate start, LocalDate end) {
    String code() {
      return start + ".." + end;
    }

    String table(String breakdown) {
      return release + ":" + breakdown + "@" + code();
    }
  }

  @Test
  void randomReleaseSequencesLeaveNoSmallCountToRecover() {
    Random random = new Random(1207);
    int suppressedCells = 0;
    int links = 0;
    for (int k = 0; k < 6; k++) {
      List<LocalDate> dates = releaseDates(random);
      List<Rec> recs = records(random, dates.size());
      Release.Builder history = Release.builder("history");
      List<CellTable> publishedTables = new ArrayList<>();
      List<Identity> identities = new ArrayList<>();
      List<Link> allLinks = new ArrayList<>();
      List<Period> earlier = new ArrayList<>();
      for (int r = 0; r < dates.size(); r++) {
        String id = "R" + r;
        List<Period> periods = periods(id, dates.get(r));
        Release.Builder b = Release.builder(id);
        publishedTables.forEach(b::fixedTable);
        for (Period p : periods) {
          for (String by : List.of("type", "sex")) {
            b.table(table(p, by, recs, r));
          }
        }
        List<Identity> newIds = identities(periods);
        List<Link> newLinks = links(earlier, periods);
        identities.addAll(newIds);
        allLinks.addAll(newLinks);
        identities.forEach(b::identity);
        allLinks.forEach(b::link);
        Suppression s = Suppressor.suppress(b.build());
        assertTrue(s.safe(), "sequence " + k + " release " + r + " " + dates + ": " + s.unresolved());
        for (Period p : periods) {
          for (String by : List.of("type", "sex")) {
            CellTable t = s.published().table(p.table(by));
            publishedTables.add(t);
            suppressedCells += t.suppressedCells().size();
          }
        }
        earlier.addAll(periods);
      }
      // the attacker: every published file as a reader sees it, every relation
      Release.Builder reader = Release.builder("reader");
      for (CellTable t : publishedTables) {
        reader.table(CellTable.asPublished(t.spec(), t.cells()));
      }
      identities.forEach(reader::identity);
      allLinks.forEach(reader::link);
      links += allLinks.size();
      assertEquals(List.of(), Auditor.audit(reader.build(), Auditor.Scope.SENSITIVE), "sequence " + k + " " + dates);
      // and with the true counts of the hidden cells known to be small: the same as the suppressor's view
      Release.Builder truth = Release.builder("truth");
      publishedTables.forEach(truth::table);
      identities.forEach(truth::identity);
      allLinks.forEach(truth::link);
      assertEquals(List.of(), Auditor.audit(truth.build()), "sequence " + k + " " + dates);
    }
    assertTrue(suppressedCells > 30, "the fixture has small counts to protect: " + suppressedCells);
    assertTrue(links > 60, "and differences to form: " + links);
  }

  /** Without the earlier releases fixed in the problem, subtracting two releases recovers a small count. */
  @Test
  void protectingEachReleaseAloneLeaks() {
    Random random = new Random(1208);
    int leaks = 0;
    for (int k = 0; k < 6; k++) {
      List<LocalDate> dates = releaseDates(random);
      List<Rec> recs = records(random, dates.size());
      Release.Builder reader = Release.builder("reader");
      List<Period> earlier = new ArrayList<>();
      for (int r = 0; r < dates.size(); r++) {
        List<Period> periods = periods("R" + r, dates.get(r));
        Release.Builder b = Release.builder("R" + r);
        for (Period p : periods) {
          for (String by : List.of("type", "sex")) {
            b.table(table(p, by, recs, r));
          }
        }
        identities(periods).forEach(b::identity);
        Suppression s = Suppressor.suppress(b.build());
        for (CellTable t : s.published().tables()) {
          reader.table(CellTable.asPublished(t.spec(), t.cells()));
        }
        identities(periods).forEach(reader::identity);
        links(earlier, periods).forEach(reader::link);
        earlier.addAll(periods);
      }
      leaks += Auditor.audit(reader.build(), Auditor.Scope.SENSITIVE).isEmpty() ? 0 : 1;
    }
    assertTrue(leaks >= 3, "independent protection should leak in most sequences: " + leaks);
  }

  static List<LocalDate> releaseDates(Random random) {
    List<LocalDate> out = new ArrayList<>();
    LocalDate d = LocalDate.of(YEAR, 1, 20 + random.nextInt(12));
    while (d.getMonthValue() <= 4) {
      out.add(d);
      d = random.nextBoolean() ? d.withDayOfMonth(d.lengthOfMonth()).plusDays(1 + random.nextInt(5)).minusDays(1)
          : d.plusMonths(1).withDayOfMonth(1).plusDays(random.nextInt(28));
      if (!d.isAfter(out.get(out.size() - 1))) {
        d = out.get(out.size() - 1).plusDays(10);
      }
    }
    return out;
  }

  static List<Rec> records(Random random, int releases) {
    List<Rec> out = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      LocalDate day = LocalDate.of(YEAR, 1, 1).plusDays(random.nextInt(120));
      int late = random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0;
      // skewed: a few small type x sex cells
      String type = TYPES.get(random.nextInt(10) < 7 ? 0 : random.nextInt(10) < 8 ? 1 : 2);
      out.add(new Rec(type, random.nextInt(5) == 0 ? "F" : "M", day, late));
    }
    return out;
  }

  /** The periods a release as of {@code asOf} publishes: complete months, month to date, year to date. */
  static List<Period> periods(String release, LocalDate asOf) {
    List<Period> out = new ArrayList<>();
    LocalDate m = LocalDate.of(YEAR, 1, 1);
    while (!m.withDayOfMonth(m.lengthOfMonth()).isAfter(asOf)) {
      out.add(new Period(release, m, m.withDayOfMonth(m.lengthOfMonth())));
      m = m.plusMonths(1);
    }
    if (!m.isAfter(asOf)) {
      out.add(new Period(release, m, asOf)); // month to date
    }
    if (out.size() > 1) {
      out.add(new Period(release, LocalDate.of(YEAR, 1, 1), asOf)); // year to date
    }
    return out;
  }

  static CellTable table(Period p, String by, List<Rec> recs, int release) {
    TableSpec spec = TableSpec.builder(p.table(by), POLICY).dimension(by)
        .population(p.release() + "@" + p.code()).build();
    CellTable.Builder b = CellTable.builder(spec);
    Map<String, Long> counts = new TreeMap<>();
    for (String v : by.equals("type") ? TYPES : SEXES) {
      counts.put(v, 0L);
    }
    for (Rec r : recs) {
      if (r.knownFrom() <= release && !r.reported().isBefore(p.start()) && !r.reported().isAfter(p.end())) {
        counts.merge(by.equals("type") ? r.type() : r.sex(), 1L, Long::sum);
      }
    }
    counts.forEach((v, n) -> b.add(n, v));
    return b.detail();
  }

  /** Year to date = complete months + month to date, per cell, in each breakdown. */
  static List<Identity> identities(List<Period> periods) {
    List<Identity> out = new ArrayList<>();
    Period ytd = periods.size() > 1 ? periods.get(periods.size() - 1) : null;
    if (ytd == null || !ytd.start().equals(LocalDate.of(YEAR, 1, 1)) || ytd.start().getMonth() == ytd.end().getMonth()) {
      return out;
    }
    for (String by : List.of("type", "sex")) {
      for (String v : concat(by.equals("type") ? TYPES : SEXES, "_T")) {
        Map<String, String> c = Map.of(by, v);
        List<CellRef> parts = new ArrayList<>();
        for (Period p : periods.subList(0, periods.size() - 1)) {
          parts.add(CellRef.of(p.table(by), c));
        }
        out.add(new Identity("ytd", CellRef.of(ytd.table(by), c), parts));
      }
    }
    return out;
  }

  /** Same start in an earlier release: nested (or the same period: a vintage). */
  static List<Link> links(List<Period> earlier, List<Period> now) {
    List<Link> out = new ArrayList<>();
    for (Period n : now) {
      for (Period e : earlier) {
        if (!e.start().equals(n.start()) || e.end().isAfter(n.end())) {
          continue;
        }
        Link.Kind kind = e.end().equals(n.end()) ? Link.Kind.VINTAGE : Link.Kind.NESTED;
        for (String by : List.of("type", "sex")) {
          for (String v : concat(by.equals("type") ? TYPES : SEXES, "_T")) {
            Map<String, String> c = Map.of(by, v);
            out.add(new Link(CellRef.of(e.table(by), c), CellRef.of(n.table(by), c), kind));
          }
        }
      }
    }
    return out;
  }

  static List<String> concat(List<String> l, String x) {
    List<String> out = new ArrayList<>(l);
    out.add(x);
    return out;
  }
}
