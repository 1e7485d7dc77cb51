package org.migstat.publish;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.Tables;
import org.migstat.disclosure.Finding;
import org.migstat.disclosure.PublishedCell;
import org.migstat.export.ExportJob;
import org.migstat.export.ExportResult;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.notebook.LakehouseFixture;
import org.migstat.pipeline.Progress;
import org.migstat.pipeline.RunConfig;
import org.migstat.pipeline.RunJob;
import org.migstat.testing.SparkExtension;

/**
 * Releases as vintages on the small fixture: three calendar releases (2024-01-31, 2024-02-29 and the listed
 * 2024-03-13) with daily runs between them, a correction delivered between the second and the third, an internal
 * view of a day that is not a release date, and the exports of the releases.
 */
@ExtendWith(SparkExtension.class)
class ReleasesTest {
  static final LocalDate JAN = LocalDate.of(2024, 1, 31);
  static final LocalDate FEB = LocalDate.of(2024, 2, 29);
  static final LocalDate BRIEFING = LocalDate.of(2024, 3, 13);

  @Test
  void calendarReleasesAreKeptAsVintages(@TempDir Path dir, SparkSession spark) throws Exception {
    Path input = dir.resolve("input");
    String lakehouse = dir.resolve("lakehouse").toString();
    LakehouseFixture.writeJanuaryFebruary(input);
    Files.writeString(input.resolve(ReleaseCalendar.FILE), "{\"month_ends\": true, \"lag_days\": 0, \"dates\": ["
        + "{\"reference_date\": \"2024-03-13\", \"note\": \"bilateral briefing\"}]}");
    Lakehouse lh = new Lakehouse(spark, lakehouse);

    run(spark, input, lakehouse, JAN, false);
    assertEquals(List.of("2024-01-31"), ids(lh));
    Map<String, Long> afterJan = publishVersions(lh);

    run(spark, input, lakehouse, LocalDate.of(2024, 2, 15), false); // daily run, nothing new
    assertEquals(List.of("2024-01-31"), ids(lh), "a daily run between release dates creates no release");
    assertEquals(afterJan, publishVersions(lh), "... and does not re-publish");

    run(spark, input, lakehouse, FEB, false);
    assertEquals(List.of("2024-01-31", "2024-02-29"), ids(lh));
    Path firstExport = dir.resolve("feb-first");
    ExportJob.exportRelease(spark, lakehouse, ExportJob.Selection.latest(), firstExport);
    assertTrue(Files.readString(firstExport.resolve("data/manifest.json")).contains("\"release_id\" : \"2024-02-29\""));

    // Between two releases: March extracts, and a correction of a January registration (KH-R-9 registered in
    // February, not January).
    LakehouseFixture.writeMarch(input);
    correction(input);
    run(spark, input, lakehouse, BRIEFING, false);
    Map<String, Long> afterBriefing = publishVersions(lh);
    run(spark, input, lakehouse, LocalDate.of(2024, 3, 14), false); // daily run: gold for the day, no release
    assertEquals(afterBriefing, publishVersions(lh), "a daily run between release dates does not re-publish");
    List<ReleaseRecord> releases = ReleaseLedger.all(lh);
    assertEquals(List.of("2024-01-31", "2024-02-29", "2024-03-13"), ids(lh),
        "exactly the calendar releases, whatever the daily runs between them");
    ReleaseRecord third = releases.get(2);
    assertEquals("2024-02-29", third.previousReleaseId());
    assertEquals(LocalDate.of(2024, 3, 31), third.dataCutoff(), "the newest extract it was computed from");
    assertTrue(third.calendarEntry().contains("bilateral briefing"), third.calendarEntry());
    assertTrue(third.outputVersions().get("publish.residents_by_citizenship") > 0);

    // ---- publish is scoped like gold: a period whose gold did not change is published again as it was ---------
    Map<String, String> fp = new HashMap<>(); // release@start..end -> fingerprint of its gold cells
    lh.read(ProtectedPeriods.TABLE).collectAsList().forEach(r -> fp.put(r.getString(0) + "@" + r.getDate(1) + ".."
        + r.getDate(2), r.getString(3)));
    String jan31 = "@2024-01-31..2024-01-31";
    String feb29 = "@2024-02-29..2024-02-29";
    assertEquals(fp.get("2024-01-31" + jan31), fp.get("2024-02-29" + jan31),
        "31 January's gold did not change between the first two releases");
    assertFalse(fp.get("2024-02-29" + jan31).equals(fp.get("2024-03-13" + jan31)),
        "the correction of a January registration changed 31 January's gold before the third");
    assertEquals(fp.get("2024-02-29" + feb29), fp.get("2024-03-13" + feb29), "29 February: unchanged");
    assertEquals(periodRows(lh, "2024-01-31", JAN), periodRows(lh, "2024-02-29", JAN),
        "an unchanged period: every value and flag as the previous release published it");
    assertEquals(periodRows(lh, "2024-02-29", FEB), periodRows(lh, "2024-03-13", FEB).entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().replace("[r]", ""))));

    // ---- no published period ends after its release's reference date ------------------------------------
    for (ReleaseRecord r : releases) {
      for (Indicator ind : IndicatorCatalog.INDICATORS) {
        if (lh.exists(IndicatorCatalog.publishTable(ind))) {
          long late = ReleaseLedger.rows(lh, ind, r.releaseId())
              .filter(col("period_end").gt(java.sql.Date.valueOf(r.referenceDate()))
                  .or(col("reference_date").notEqual(java.sql.Date.valueOf(r.referenceDate()))))
              .count();
          assertEquals(0, late, ind.id() + " in release " + r.releaseId());
        }
      }
    }
    Indicator firstPermits = IndicatorCatalog.find("first_permits").orElseThrow();
    Indicator residents = IndicatorCatalog.find("residents_by_citizenship").orElseThrow();
    assertTrue(lh.read(Tables.FIRST_PERMITS).filter(col("period_start").equalTo(java.sql.Date.valueOf("2024-03-01")))
        .count() > 0, "gold has the whole of March ...");
    assertEquals(0, ReleaseLedger.rows(lh, firstPermits, "2024-03-13")
        .filter(col("time_period").equalTo("2024-03")).count(), "... the release as of 13 March does not");
    assertEquals(Set.of("2024-01-31", "2024-02-29", "2024-03-13"), timePeriods(lh, residents, "2024-03-13"),
        "stocks: the month ends before it and its own date, not 31 March");
    assertEquals(Set.of("2024-01-31"), timePeriods(lh, residents, "2024-01-31"));

    // ---- revisions: [r] on exactly the cells published in both vintages whose value changed -----------------
    Map<PublishedRow.Key, PublishedRow> feb = rows(lh, "2024-02-29");
    Map<PublishedRow.Key, PublishedRow> mar = rows(lh, "2024-03-13");
    Set<PublishedRow.Key> changed = new HashSet<>();
    Set<PublishedRow.Key> flagged = new HashSet<>();
    for (PublishedRow r : mar.values()) {
      PublishedRow before = feb.get(r.key());
      if (publishedInBoth(before, r) && !before.value().equals(r.value())) {
        changed.add(r.key());
      }
      if (r.flag() != null && r.flag().contains("[r]")) {
        flagged.add(r.key());
      }
    }
    assertEquals(changed, flagged, "[r] on a cell published in both releases with another value, and nowhere else");
    assertEquals(flagged.size(), third.revisedCells());
    assertNull(rows(lh, "2024-01-31").values().stream().filter(r -> r.flag() != null && r.flag().contains("[r]"))
        .findAny().orElse(null), "the first release has nothing to be revised against");
    // KH-R-9 had no permit: in gold, the residents without a permit on 31 January fall by one between the two
    // releases' inputs (on 29 February he was registered either way) ...
    long gapWas = goldGap(lh, release(releases, "2024-02-29"), "2024-01-31");
    assertEquals(gapWas - 1, goldGap(lh, third, "2024-01-31"), "the correction reached gold");
    assertEquals(goldGap(lh, release(releases, "2024-02-29"), "2024-02-29"), goldGap(lh, third, "2024-02-29"));
    // ... and the published files show it as [r] when the cell is published in both releases. With the earlier
    // releases' cells fixed in the disclosure problem, a revision of one person is a count of one: the linked
    // suppression may hide the cell in one release or both, and then there is nothing to flag.
    PublishedRow.Key gapJan = new PublishedRow.Key("permit_coverage", "2024-01-31", List.of("IDN"), "documentation_gap");
    PublishedRow.Key gapFeb = new PublishedRow.Key("permit_coverage", "2024-02-29", List.of("IDN"), "documentation_gap");
    assertTrue(feb.containsKey(gapJan) && mar.containsKey(gapJan), "the cell is in both releases, shown or [c]");
    if (publishedInBoth(feb.get(gapJan), mar.get(gapJan))) {
      assertTrue(flagged.contains(gapJan), feb.get(gapJan) + " -> " + mar.get(gapJan));
      assertEquals(feb.get(gapJan).value() - 1, mar.get(gapJan).value());
    } else {
      assertTrue(isHidden(feb.get(gapJan)) || isHidden(mar.get(gapJan)), feb.get(gapJan) + " -> " + mar.get(gapJan));
      assertFalse(flagged.contains(gapJan), "a hidden cell carries no [r]");
    }
    assertFalse(flagged.contains(gapFeb), "on 29 February the person was registered either way: no [r]");
    System.out.printf("releases test: %d cells revised and flagged between 2024-02-29 and 2024-03-13; IDN gap on "
        + "31 January %s -> %s%n", flagged.size(), feb.get(gapJan).flag() == null ? feb.get(gapJan).value()
        : feb.get(gapJan).flag(), mar.get(gapJan).flag() == null ? mar.get(gapJan).value() : mar.get(gapJan).flag());

    // ---- the history of public releases attacked together: no earlier release's hidden cell opens up ---------
    // (PublishJob.earlier: the cells of the releases already out enter each release's problem fixed.)
    List<PublishedCell> history = PublishedRows.read(lh).stream().map(PublishedRows.Read::cell).toList();
    assertEquals(Set.of("2024-01-31", "2024-02-29", "2024-03-13"),
        history.stream().map(PublishedCell::release).collect(java.util.stream.Collectors.toSet()));
    for (String id : List.of("2024-01-31", "2024-02-29")) {
      assertTrue(history.stream().anyMatch(c -> c.release().equals(id) && c.disposition().hidden()),
          "release " + id + " has hidden cells to keep safe");
    }
    // No count of 1..threshold-1 is recoverable, as a hidden cell or as a difference (a revision of one person
    // published in both vintages would be one). The tiny fixture has tables the suppressor cannot protect, withheld
    // whole: the audit also pins their hidden zeros and a grand total that the linked residents_by_citizenship
    // publishes exact; neither is a count of 1..threshold-1 persons.
    List<Finding> findings = HistoryAudit.audit(history);
    assertEquals(List.of(), findings.stream().filter(ReleasesTest::smallCount).toList(),
        "the history audit over the three public releases");
    assertTrue(findings.stream().allMatch(f -> f.hi() == 0 || f.lo() >= threshold(f)), findings::toString);
    System.out.printf("releases test: history audit over 3 public releases, %d cells: %d findings, none a small "
        + "count%n", history.size(), findings.size());

    // ---- an earlier release is exported again byte for byte -----------------------------------------------
    Path again = dir.resolve("feb-again");
    ExportResult r = ExportJob.exportRelease(spark, lakehouse, ExportJob.Selection.release("2024-02-29"), again);
    assertEquals(FEB, r.asOf());
    assertEquals(files(firstExport), files(again), "same files, same bytes");

    // ---- a date with no release is refused, naming the nearest ----------------------------------------------
    IllegalStateException e = assertThrows(ExportJob.NoSuchRelease.class,
        () -> ExportJob.exportRelease(spark, lakehouse, ExportJob.Selection.asOf(LocalDate.of(2024, 2, 15)),
            dir.resolve("none")));
    assertTrue(e.getMessage().contains("2024-01-31 (before)") && e.getMessage().contains("2024-02-29 (after)"),
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("none")), "nothing written");
    e = assertThrows(ExportJob.NoSuchRelease.class,
        () -> ExportJob.exportRelease(spark, lakehouse, ExportJob.Selection.release("2023-06-15"), dir.resolve("none")));
    assertTrue(e.getMessage().contains("2024-03-13"), e.getMessage());

    // ---- an ad-hoc date: an internal view, marked, never a public release ------------------------------------
    LocalDate day = LocalDate.of(2024, 3, 14);
    PublishJob.publish(lh, ReleasePlan.internalView(lh, day, "test-internal"), Progress.silent());
    assertEquals(3, ReleaseLedger.all(lh).size(), "an internal view is not in the public release history");
    assertTrue(ReleaseLedger.hasInternalView(lh, day));
    ExportResult internal = ExportJob.exportRelease(spark, lakehouse, ExportJob.Selection.asOf(day),
        dir.resolve("internal"));
    assertTrue(internal.dashboard().getFileName().toString().contains("INTERNAL-not-for-publication"));
    try (Stream<Path> s = Files.list(dir.resolve("internal/data"))) {
      assertTrue(s.filter(p -> !p.getFileName().toString().equals("manifest.json") && Files.isRegularFile(p))
          .allMatch(p -> p.getFileName().toString().contains("INTERNAL-not-for-publication")));
    }
    assertTrue(Files.readString(dir.resolve("internal/data/manifest.json")).contains("internal — not for publication"));

    // ---- the revision triangle: every revised cell in each vintage, nothing else ---------------------------------
    Path revisions = dir.resolve("internal/data/revisions");
    List<String> triangle = Files.readAllLines(revisions.resolve("permit_coverage-INTERNAL-not-for-publication.csv"));
    assertEquals("time_period,citizenship,measure,2024-01-31,2024-02-29,2024-03-13,internal-2024-03-14",
        triangle.get(0));
    assertFalse(triangle.stream().anyMatch(l -> l.startsWith("2024-02-29,IDN,documentation_gap")),
        "never revised: not in the triangle");
    long lines = 0;
    for (Indicator ind : IndicatorCatalog.INDICATORS) {
      Path f = revisions.resolve(ind.id() + "-INTERNAL-not-for-publication.csv");
      if (Files.exists(f)) {
        lines += Files.readAllLines(f).size() - 1;
      }
    }
    assertTrue(lines >= changed.size(), "a line per revised cell at least: " + lines + " < " + changed.size());
    for (PublishedRow.Key k : changed) { // strict checks: published in both, so both values are in the triangle
      List<String> t = Files.readAllLines(revisions.resolve(k.indicator() + "-INTERNAL-not-for-publication.csv"));
      String prefix = k.timePeriod() + "," + String.join(",", k.coords()) + "," + k.measure() + ",";
      String line = t.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
      assertTrue(line != null && line.contains("," + number(feb.get(k).value()) + "," + number(mar.get(k).value())),
          prefix + " in " + String.join("\n", t));
    }
  }

  /** A release's residence cells of the stock on {@code date}: key -> value and flag. */
  private static Map<String, String> periodRows(Lakehouse lh, String releaseId, LocalDate date) {
    Map<String, String> out = new TreeMap<>();
    for (Publication.Part part : Publication.parts()) {
      Indicator ind = part.indicator();
      if (ind.kind() != Indicator.Kind.STOCK || out.keySet().stream().anyMatch(k -> k.startsWith(ind.id() + "|"))) {
        continue;
      }
      ReleaseLedger.rows(lh, ind, releaseId).filter(col("period_end").equalTo(java.sql.Date.valueOf(date)))
          .collectAsList().forEach(r -> {
            PublishedRow p = PublishedRow.of(ind, r);
            out.put(ind.id() + "|" + p.dims().values() + "|" + p.measure(), p.value() + " " + p.flag());
          });
    }
    assertFalse(out.isEmpty(), releaseId + " publishes the stock on " + date);
    return out;
  }

  /** The family threshold of a finding's table: residence 5 persons, cases and the rest 10. */
  private static int threshold(Finding f) {
    String t = f.table().substring(f.table().indexOf(':') + 1);
    return org.migstat.catalog.RelationCatalog.find(t.split("[.@#]")[0])
        .map(d -> d.family().equals("residence") ? 5 : 10).orElse(10);
  }

  /** A finding that pins a count to 1..threshold-1. */
  private static boolean smallCount(Finding f) {
    return f.lo() >= 1 && f.hi() < threshold(f);
  }

  private static boolean publishedInBoth(PublishedRow before, PublishedRow now) {
    return before != null && now != null && before.value() != null && now.value() != null;
  }

  private static boolean isHidden(PublishedRow r) {
    return r.value() == null && r.flag() != null && r.flag().contains("[c]");
  }

  private static ReleaseRecord release(List<ReleaseRecord> releases, String id) {
    return releases.stream().filter(r -> r.releaseId().equals(id)).findFirst().orElseThrow();
  }

  /** gold.permit_coverage's IDN documentation gap on a date, as of the gold version a release was computed from. */
  private static long goldGap(Lakehouse lh, ReleaseRecord release, String refDate) {
    Long version = release.inputVersions().get(Tables.PERMIT_COVERAGE.qualifiedName());
    return lh.spark().read().format("delta").option("versionAsOf", version).load(lh.path(Tables.PERMIT_COVERAGE))
        .filter(col("ref_date").equalTo(java.sql.Date.valueOf(refDate)).and(col("citizenship").equalTo("IDN")))
        .first().<Long>getAs("documentation_gap");
  }

  /** A value as the export's CSV writes a count. */
  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v)
        : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static void run(SparkSession spark, Path input, String lakehouse, LocalDate asOf, boolean internalView) {
    new RunJob(spark, new RunConfig(asOf, input.toString(), lakehouse, false, null, "test", false, internalView),
        Progress.silent()).run();
  }

  private static List<String> ids(Lakehouse lh) {
    return ReleaseLedger.all(lh).stream().map(ReleaseRecord::releaseId).toList();
  }

  private static Map<String, Long> publishVersions(Lakehouse lh) {
    return lh.versions(PublishJob.tables());
  }

  private static Set<String> timePeriods(Lakehouse lh, Indicator ind, String release) {
    Set<String> out = new java.util.TreeSet<>();
    ReleaseLedger.rows(lh, ind, release).select("time_period").distinct().collectAsList()
        .forEach(r -> out.add(r.getString(0)));
    return out;
  }

  private static Map<PublishedRow.Key, PublishedRow> rows(Lakehouse lh, String release) {
    Map<PublishedRow.Key, PublishedRow> out = new HashMap<>();
    for (Indicator ind : IndicatorCatalog.INDICATORS) {
      if (lh.exists(IndicatorCatalog.publishTable(ind))) {
        ReleaseLedger.rows(lh, ind, release).collectAsList().forEach(r -> {
          PublishedRow p = PublishedRow.of(ind, r);
          out.put(p.key(), p);
        });
      }
    }
    return out;
  }

  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    assertTrue(out.size() > 5, "files exported: " + out.keySet());
    return out;
  }

  /** KH-R-9, delivered as registered on 15 January, registered on 15 February: corrected in a March delivery. */
  private static void correction(Path input) throws IOException {
    String header = "record_id,doc_type,doc_number,doc_country,full_name,citizenship,country_of_birth,sex,"
        + "birth_date,province,district,stay_category,registration_date,deregistration_date,record_status,last_updated\n";
    Path p = input.resolve("residents").resolve("residents_2024-03_delta_fix.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write((header + "KH-R-9,PASSPORT,D2220001,IDN,Agus Salim,IDN,IDN,M,09/09/1999,Siem Reap,Svay Dangkum,EB,"
          + "15/02/2024,,A,10/03/2024 08:00:00\n").getBytes(StandardCharsets.UTF_8));
    }
  }

}
