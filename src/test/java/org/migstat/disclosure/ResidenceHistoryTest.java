package org.migstat.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.migstat.publish.HistoryAudit;
import org.migstat.publish.ResidenceRelease;

/**
 * Issue 12's first attack written against the published cells (typed rows, as the files carry them), on the
 * residence tables of one reference date with the publish plan's table ids: residents by citizenship x sex x age
 * (AUS 65+ is 6, PAK 65+ is 4), by citizenship, the coverage table. And the same date republished by a later
 * release with a small revision.
 */
class ResidenceHistoryTest {
  static final LocalDate DATE = LocalDate.of(2024, 3, 13);
  static final List<String> AGES = List.of("0-14", "15-24", "25-34", "35-44", "45-54", "55-64", "65+", "unknown");
  static final TableSpec SEX_AGE = TableSpec.builder("residents_by_sex_age", Policy.residence()).dimension("citizenship")
      .dimension("sex").dimension("age_group").population("residents").build();
  static final TableSpec BY_CITIZENSHIP = TableSpec.builder("residents_by_citizenship", Policy.residence())
      .dimension("citizenship").population("residents").build();

  /** AUS by age at sex total: 23, 34, 146, 185, 47, 26, 6 (65+), 14; 192 hold a permit, 289 do not. */
  static Release draft(String id, Random random, long ausExtraFemale65) {
    CellTable.Builder a = CellTable.builder(SEX_AGE);
    Map<String, Long> totals = new LinkedHashMap<>();
    long[][] aus = {{10, 16, 70, 90, 20, 12, 2 + ausExtraFemale65, 6}, {13, 18, 76, 95, 27, 14, 4, 8}};
    long[][] pak = {{30, 40, 60, 55, 35, 20, 1, 3}, {35, 45, 66, 60, 40, 22, 3, 4}};
    for (int s = 0; s < 2; s++) {
      for (int g = 0; g < AGES.size(); g++) {
        a.add(aus[s][g], "AUS", s == 0 ? "F" : "M", AGES.get(g));
        a.add(pak[s][g], "PAK", s == 0 ? "F" : "M", AGES.get(g));
        totals.merge("AUS", aus[s][g], Long::sum);
        totals.merge("PAK", pak[s][g], Long::sum);
      }
    }
    for (String c : List.of("IDN", "GBR", "USA")) {
      for (String s : List.of("F", "M")) {
        for (String g : AGES) {
          long v = random.nextInt(6) == 0 ? random.nextInt(5) : 5 + random.nextInt(300);
          a.add(v, c, s, g);
          totals.merge(c, v, Long::sum);
        }
      }
    }
    CellTable.Builder b = CellTable.builder(BY_CITIZENSHIP);
    CellTable.Builder res = CellTable.builder(cov("residents", "residents"));
    CellTable.Builder holders = CellTable.builder(cov("permit_holders", "permit_holders"));
    CellTable.Builder phr = CellTable.builder(cov("permit_holders_resident", "resident_permit_holders"));
    CellTable.Builder gap = CellTable.builder(cov("documentation_gap", "residents_without_permit"));
    for (Map.Entry<String, Long> e : totals.entrySet()) {
      long resident = e.getKey().equals("AUS") ? 192 + ausExtraFemale65 : e.getValue() / 3;
      b.add(e.getValue(), e.getKey());
      res.add(e.getValue(), e.getKey());
      phr.add(resident, e.getKey());
      gap.add(e.getValue() - resident, e.getKey());
      holders.add(resident + 7, e.getKey());
    }
    return Release.builder(id).table(a.detail()).table(b.detail()).table(res.detail()).table(holders.detail())
        .table(phr.detail()).table(gap.detail()).build();
  }

  static TableSpec cov(String measure, String population) {
    return TableSpec.builder("permit_coverage." + measure, Policy.residence()).dimension("citizenship")
        .population(population).build();
  }

  @Test
  void theHandCheckableAttackFindsAusAndPakOver65InTheOldReleaseAndNothingNow() {
    Release draft = draft("R1", new Random(13), 0);
    assertEquals(481, draft.table("residents_by_citizenship").cell("AUS").value());
    assertEquals(6, draft.table("residents_by_sex_age").cell("AUS", "_T", "65+").value());

    // before issue 12: suppressed alone, with the coverage share only; the attacker knows the identity
    Release.Builder old = Release.builder("R1");
    draft.tables().forEach(old::table);
    for (Cell c : draft.table("permit_coverage.residents").cells()) {
      old.ratio(RatioSpec.percent("permit_coverage.coverage_pct|" + c.coordinates(),
          CellRef.of("permit_coverage.permit_holders_resident", c.coordinates()), c.ref()));
    }
    Suppression before = Suppressor.suppress(old.build());
    assertTrue(before.safe());
    List<PublishedCell> oldFiles = ResidenceRelease.cells(before, DATE, DATE, DATE);
    List<Finding> leaks = HistoryAudit.audit(oldFiles);
    assertFalse(leaks.isEmpty(), "the identity opens the old release up");
    assertTrue(leaks.stream().anyMatch(f -> "AUS".equals(f.coordinates().get("citizenship"))), leaks.toString());

    Suppression after = ResidenceRelease.protect(draft, DATE, DATE, DATE, List.of());
    assertTrue(after.safe(), after.unresolved().toString());
    List<PublishedCell> files = ResidenceRelease.cells(after, DATE, DATE, DATE);
    assertEquals(List.of(), HistoryAudit.audit(files));
    // the announced national total stays exact
    CellTable byCit = after.published().table("residents_by_citizenship");
    assertFalse(byCit.cell("_T").suppressed());
    // residents and the two parts are hidden together or not at all
    CellTable phr = after.published().table("permit_coverage.permit_holders_resident");
    CellTable gap = after.published().table("permit_coverage.documentation_gap");
    CellTable res = after.published().table("permit_coverage.residents");
    for (Cell c : res.cells()) {
      int hidden = (c.suppressed() ? 1 : 0) + (phr.cell(c.coordinates()).suppressed() ? 1 : 0)
          + (gap.cell(c.coordinates()).suppressed() ? 1 : 0);
      assertTrue(hidden != 1, "one of residents = holders + gap hidden alone at " + c.coordinates());
    }
    System.out.printf("residence release: %d cells suppressed before, %d after%n", before.audit().size(),
        after.audit().size());
  }

  @Test
  void aLaterReleaseRevisingTheSameDateByTwoPersonsHidesTheRevision() {
    Suppression first = ResidenceRelease.protect(draft("R1", new Random(14), 0), DATE, DATE, DATE, List.of());
    List<PublishedCell> r1 = ResidenceRelease.cells(first, DATE, DATE, DATE);
    LocalDate later = LocalDate.of(2024, 3, 31);
    // two more women of 65+ registered late for AUS: every cell on their path moves by 2
    Release revised = draft("R2", new Random(14), 2);

    Suppression alone = ResidenceRelease.protect(revised, DATE, DATE, later, List.of());
    List<PublishedCell> naive = new ArrayList<>(r1);
    naive.addAll(ResidenceRelease.cells(alone, DATE, DATE, later));
    List<Finding> leaks = HistoryAudit.audit(naive);
    assertTrue(leaks.stream().anyMatch(f -> f.reason().contains("revision")), "protected alone: " + leaks);

    Suppression s = ResidenceRelease.protect(revised, DATE, DATE, later, r1);
    assertTrue(s.safe(), s.unresolved().toString());
    List<PublishedCell> both = new ArrayList<>(r1);
    both.addAll(ResidenceRelease.cells(s, DATE, DATE, later));
    assertEquals(List.of(), HistoryAudit.audit(both));
  }

  @Test
  void aReleaseRepeatingAnEarlierOneUnchangedAddsNothingToTheProblem() {
    List<PublishedCell> r1 = ResidenceRelease.cells(
        ResidenceRelease.protect(draft("R1", new Random(14), 0), DATE, DATE, DATE, List.of()), DATE, DATE, DATE);
    // R1b: a later release that published the date again as R1 did (its gold unchanged)
    List<PublishedCell> history = new ArrayList<>(r1);
    r1.forEach(c -> history.add(new PublishedCell("R1b", LocalDate.of(2024, 3, 20), c.key(), c.value(),
        c.disposition())));
    assertEquals(r1, ResidenceRelease.relevantVintages(history, "R2", DATE, DATE), "the identical copy is left out");
    List<PublishedCell> differing = new ArrayList<>(history);
    PublishedCell shown = r1.stream().filter(c -> c.value() != null && c.value() > 10).findFirst().orElseThrow();
    differing.set(r1.size() + r1.indexOf(shown), new PublishedCell("R1b", LocalDate.of(2024, 3, 20), shown.key(),
        shown.value() + 1, shown.disposition()));
    assertEquals(history.size(), ResidenceRelease.relevantVintages(differing, "R2", DATE, DATE).size(),
        "a release that revised one cell is a vintage of its own");

    LocalDate later = LocalDate.of(2024, 3, 31);
    Release revised = draft("R2", new Random(14), 2);
    Suppression once = ResidenceRelease.protect(revised, DATE, DATE, later, r1);
    Suppression withCopy = ResidenceRelease.protect(revised, DATE, DATE, later, history);
    assertEquals(ResidenceRelease.cells(once, DATE, DATE, later), ResidenceRelease.cells(withCopy, DATE, DATE, later));
    List<PublishedCell> all = new ArrayList<>(history);
    all.addAll(ResidenceRelease.cells(withCopy, DATE, DATE, later));
    assertEquals(List.of(), HistoryAudit.audit(all), "the three releases attacked together");
  }

  /** First permits by citizenship x reason of one period: a few small counts among larger ones. */
  static Release firstPermits(String id, Random random, Random extra, int maxExtra) {
    TableSpec spec = TableSpec.builder("first_permits", Policy.residence()).dimension("citizenship")
        .dimension("reason").dimension("validity_class").population("first_permits").build();
    CellTable.Builder t = CellTable.builder(spec);
    for (String c : List.of("AUS", "BGD", "IND", "JPN", "MMR", "PHL")) {
      for (String r : List.of("Employment", "Family", "Education", "Other")) {
        for (String v : List.of("3-5m", "6-11m", "12m+")) {
          long n = random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 6 + random.nextInt(60);
          t.add(n + (maxExtra == 0 ? 0 : extra.nextInt(maxExtra + 1)), c, r, v);
        }
      }
    }
    return Release.builder(id).table(t.detail()).build();
  }

  /**
   * The month to date published on 13 March, then the whole of March on 31 March: the month contains its month to
   * date, so a hidden cell of either must not be pinned by the other, nor their difference be a small count.
   */
  @Test
  void theWholeMonthAfterItsMonthToDateKeepsBothSafe() {
    LocalDate start = LocalDate.of(2024, 3, 1);
    LocalDate mtd = LocalDate.of(2024, 3, 13);
    LocalDate end = LocalDate.of(2024, 3, 31);
    Suppression first = ResidenceRelease.protect(firstPermits("R1", new Random(7), null, 0), start, mtd, mtd, List.of());
    assertTrue(first.safe(), first.unresolved().toString());
    List<PublishedCell> r1 = ResidenceRelease.cells(first, start, mtd, mtd);
    assertEquals(List.of(), HistoryAudit.audit(r1));
    // the rest of the month adds 0..3 persons to each cell: many small differences
    Release month = firstPermits("R2", new Random(7), new Random(8), 3);

    Suppression alone = ResidenceRelease.protect(month, start, end, end, List.of());
    List<PublishedCell> naive = new ArrayList<>(r1);
    naive.addAll(ResidenceRelease.cells(alone, start, end, end));
    assertFalse(HistoryAudit.audit(naive).isEmpty(), "protected without the month to date, the pair leaks");

    Suppression s = ResidenceRelease.protect(month, start, end, end, r1);
    assertTrue(s.safe(), s.unresolved().toString());
    List<PublishedCell> both = new ArrayList<>(r1);
    both.addAll(ResidenceRelease.cells(s, start, end, end));
    assertEquals(List.of(), HistoryAudit.audit(both));
  }

  /**
   * Three releases of one date: the first publishes the women of 65+ (all citizenships); the second, two of them
   * registered late, hides that path; the third, nothing new, could show it again. Protected against the previous
   * vintage alone (hidden: no known difference), the third gave the revision of 2 since the first away.
   */
  @Test
  void aCellHiddenInBetweenIsStillComparedWithItsFirstPublishedValue() {
    Suppression first = ResidenceRelease.protect(draft("R1", new Random(14), 0), DATE, DATE, DATE, List.of());
    List<PublishedCell> history = new ArrayList<>(ResidenceRelease.cells(first, DATE, DATE, DATE));
    LocalDate d2 = LocalDate.of(2024, 3, 31);
    Suppression second = ResidenceRelease.protect(draft("R2", new Random(14), 2), DATE, DATE, d2, history);
    List<PublishedCell> r2 = ResidenceRelease.cells(second, DATE, DATE, d2);
    Map<String, String> women65 = Map.of("citizenship", "_T", "sex", "F", "age_group", "65+");
    assertTrue(r2.stream().anyMatch(c -> c.key().coordinates().equals(women65) && c.disposition().hidden()),
        "the second release hides the revised path");
    history.addAll(r2);
    LocalDate d3 = LocalDate.of(2024, 4, 30);
    Suppression third = ResidenceRelease.protect(draft("R3", new Random(14), 2), DATE, DATE, d3, history);
    assertTrue(third.safe(), third.unresolved().toString());
    history.addAll(ResidenceRelease.cells(third, DATE, DATE, d3));
    assertEquals(List.of(), HistoryAudit.audit(history), "the three releases attacked together");
  }

  /**
   * Property over sequences: a date republished by ten monthly releases, each revising a few random cells by a
   * few persons (late registrations, corrections, deletions) or nothing at all, each protected with every release
   * before it and published as the publish job does (a table with a cell the suppressor could not protect is
   * withheld whole). After every release, all of them attacked together give nothing away.
   */
  @Test
  void everyReleaseOfARandomSequenceOfRevisionsIsSafeWithAllBefore() {
    int withheld = 0;
    for (long seed = 1; seed <= 4; seed++) {
      Random random = new Random(seed);
      Map<List<String>, Long> detail = new LinkedHashMap<>();
      for (String c : List.of("AUS", "PAK", "IDN", "GBR")) {
        for (String sex : List.of("F", "M")) {
          for (String g : AGES) {
            detail.put(List.of(c, sex, g), random.nextInt(5) == 0 ? (long) random.nextInt(5) : 5 + random.nextInt(90));
          }
        }
      }
      List<PublishedCell> history = new ArrayList<>();
      LocalDate release = LocalDate.of(2024, 4, 30); // an old date republished by every monthly release after it
      for (int r = 1; r <= 10; r++) {
        if (r > 1 && random.nextInt(4) > 0) {
          for (int k = 1 + random.nextInt(4); k > 0; k--) {
            List<String> cell = List.copyOf(detail.keySet()).get(random.nextInt(detail.size()));
            detail.put(cell, Math.max(0, detail.get(cell) + random.nextInt(7) - 2));
          }
        }
        // the publish job passes the period's end as the reference date of the cells it protects
        Suppression s = ResidenceRelease.protect(fromDetail("S" + seed + "R" + r, detail), DATE, DATE, DATE, history);
        withheld += s.safe() ? 0 : 1;
        history.addAll(asPublished(s, release));
        // a withheld table hides cells other tables publish (the announced total): public, not a disclosure
        List<Finding> leaks = HistoryAudit.audit(history).stream()
            .filter(f -> !f.reason().contains("but published in linked")).toList();
        assertEquals(List.of(), leaks, "seed " + seed + ", releases 1.." + r);
        release = release.plusMonths(1).withDayOfMonth(release.plusMonths(1).lengthOfMonth());
      }
    }
    System.out.printf("random revision sequences: %d of 40 releases withheld a table%n", withheld);
  }

  /** The cells as the publish job writes them: a table with an unprotectable cell withheld whole ([c]). */
  static List<PublishedCell> asPublished(Suppression s, LocalDate release) {
    java.util.Set<String> withheld = new java.util.HashSet<>();
    s.unresolved().forEach(f -> withheld.add(f.table()));
    List<PublishedCell> out = new ArrayList<>();
    for (PublishedCell c : ResidenceRelease.cells(s, DATE, DATE, release)) {
      String table = c.key().indicator() + "." + c.key().measure();
      boolean whole = withheld.contains(table) || withheld.contains(c.key().indicator());
      out.add(whole ? new PublishedCell(c.release(), c.referenceDate(), c.key(), null, Disposition.SUPPRESSED) : c);
    }
    return out;
  }

  /** Residents by citizenship x sex x age and by citizenship, and the coverage tables, from one detail. */
  static Release fromDetail(String id, Map<List<String>, Long> detail) {
    CellTable.Builder a = CellTable.builder(SEX_AGE);
    Map<String, Long> totals = new LinkedHashMap<>();
    detail.forEach((k, v) -> {
      a.add(v, k.get(0), k.get(1), k.get(2));
      totals.merge(k.get(0), v, Long::sum);
    });
    CellTable.Builder b = CellTable.builder(BY_CITIZENSHIP);
    CellTable.Builder res = CellTable.builder(cov("residents", "residents"));
    CellTable.Builder phr = CellTable.builder(cov("permit_holders_resident", "resident_permit_holders"));
    CellTable.Builder gap = CellTable.builder(cov("documentation_gap", "residents_without_permit"));
    totals.forEach((c, v) -> {
      b.add(v, c);
      res.add(v, c);
      phr.add(v / 3, c);
      gap.add(v - v / 3, c);
    });
    return Release.builder(id).table(a.detail()).table(b.detail()).table(res.detail()).table(phr.detail())
        .table(gap.detail()).build();
  }
}
