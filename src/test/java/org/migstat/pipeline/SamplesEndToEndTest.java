package org.migstat.pipeline;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.migstat.catalog.CaseTables;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.Tables;
import org.migstat.disclosure.Finding;
import org.migstat.generate.BorderGeneratorTest;
import org.migstat.generate.CaseGeneratorTest;
import org.migstat.generate.EmbassyGeneratorTest;
import org.migstat.generate.RawRecount;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.publish.AuditJob;
import org.migstat.publish.PublishJob;
import org.migstat.testing.Locks;
import org.migstat.testing.SampleLakehouse;
import org.migstat.testing.SparkExtension;

/** The acceptance run: the bundled samples at 2024-03-13, checked against the calibration and an independent recount. */
@ExtendWith(SparkExtension.class)
@Order(1) // first: it builds the samples lakehouse the other samples classes read
@ResourceLock(Locks.SAMPLES)
class SamplesEndToEndTest {

  @Test
  void calibrationFiguresOnTheReferenceDate() {
    RunJob.Result r = SampleLakehouse.result();
    assertEquals(58_307, r.indonesia().permitHoldersResident());
    assertEquals(58_307, r.indonesia().permitHolders());
    assertTrue(r.indonesia().residents() > 73_000, "Indonesian residents: " + r.indonesia().residents());
  }

  @Test
  void goldAgreesWithAnIndependentRecountOfTheRawExtracts() {
    Lakehouse lh = SampleLakehouse.lakehouse();
    RawRecount.Counts raw = RawRecount.recount(SampleLakehouse.samples(), SampleLakehouse.AS_OF);
    Map<String, Row> gold = new java.util.HashMap<>();
    for (Row row : lh.read(Tables.PERMIT_COVERAGE).filter(col("ref_date").equalTo(Date.valueOf(SampleLakehouse.AS_OF)))
        .collectAsList()) {
      gold.put(row.getString(row.fieldIndex("citizenship")), row);
    }
    assertFalse(raw.residents().isEmpty());
    for (String c : raw.residents().keySet()) {
      Row g = gold.get(c);
      assertNotNull(g, "no gold row for " + c);
      assertEquals(raw.residents(c), g.getLong(g.fieldIndex("residents")), "residents " + c);
      assertEquals(raw.residentsHoldingPermit(c), g.getLong(g.fieldIndex("permit_holders_resident")), "holders " + c);
    }
    for (String c : raw.permitHolders().keySet()) {
      Row g = gold.get(c);
      assertEquals(raw.permitHolders(c), g.getLong(g.fieldIndex("permit_holders")), "permit holders " + c);
    }
    long stock = lh.read(Tables.RESIDENTS_STOCK).filter(col("ref_date").equalTo(Date.valueOf(SampleLakehouse.AS_OF)))
        .agg(sum("persons")).first().getLong(0);
    assertEquals(raw.totalResidents(), stock, "residents_stock and the recount");
  }

  /** Issue 15: usual residents (12 months or more) beside the registered ones, against the independent recount. */
  @Test
  void usualResidentsAgreeWithTheRecountAndStayBelowRegisteredResidents() {
    Lakehouse lh = SampleLakehouse.lakehouse();
    Map<String, Integer> raw = RawRecount.read(SampleLakehouse.samples()).usualResidents(SampleLakehouse.AS_OF);
    Map<String, Long> usual = new java.util.TreeMap<>();
    for (Row row : lh.read(Tables.USUAL_RESIDENTS).filter(col("ref_date").equalTo(Date.valueOf(SampleLakehouse.AS_OF)))
        .collectAsList()) {
      long registered = row.getLong(row.fieldIndex("registered_residents"));
      long u = row.getLong(row.fieldIndex("usual_residents"));
      assertTrue(u <= registered, row.toString());
      if (u > 0) {
        usual.put(row.getString(row.fieldIndex("citizenship")), u);
      }
    }
    assertEquals(raw.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
        e -> e.getValue().longValue(), (a, b) -> a, java.util.TreeMap::new)), usual);
    Row idn = lh.read(Tables.PERMIT_COVERAGE)
        .filter(col("ref_date").equalTo(Date.valueOf(SampleLakehouse.AS_OF)).and(col("citizenship").equalTo("IDN"))).first();
    assertTrue(usual.get("IDN") < idn.getLong(idn.fieldIndex("residents")), usual.get("IDN") + " usual IDN residents");
  }

  /** Cases, crossings and embassy registrations in gold against plain recounts of their raw extracts. */
  @Test
  void caseBorderAndEmbassyFiguresAgreeWithRecountsOfTheRawExtracts() throws java.io.IOException {
    Lakehouse lh = SampleLakehouse.lakehouse();
    CaseGeneratorTest.CaseCounts cases = CaseGeneratorTest.recount(SampleLakehouse.samples().resolve("cases"));
    Row janNov = lh.read(CaseTables.CASES_BY_MONTH)
        .filter(col("period_start").between(Date.valueOf("2024-01-01"), Date.valueOf("2024-11-01"))
            .and(col("period_end").equalTo(last_day(col("period_start")))))
        .agg(sum("cases"), sum("scam_related_cases")).first();
    assertEquals(2_946L, janNov.getLong(0), "cases reported January-November 2024");
    assertEquals(cases.janNov2024(), janNov.getLong(0));
    assertEquals(2_259L, janNov.getLong(1), "of which online-scam related");
    assertEquals(cases.scamJanNov2024(), janNov.getLong(1));
    for (Map.Entry<Integer, Long> y : cases.byYear().entrySet()) {
      long gold = lh.read(CaseTables.CASES_BY_MONTH)
          .filter(year(col("period_start")).equalTo(y.getKey()).and(col("period_end").equalTo(last_day(col("period_start")))))
          .agg(coalesce(sum("cases"), lit(0L))).first().getLong(0);
      assertEquals(y.getValue(), gold, "cases reported in " + y.getKey());
    }

    BorderGeneratorTest.BorderCounts border = BorderGeneratorTest.recount(SampleLakehouse.samples().resolve("crossings"));
    long entries = lh.read(CaseTables.BORDER_FLOWS)
        .filter(col("citizenship").equalTo("IDN").and(col("period_start").between(Date.valueOf("2024-01-01"),
            Date.valueOf("2024-09-01"))).and(col("period_end").equalTo(last_day(col("period_start")))))
        .agg(sum("entries")).first().getLong(0);
    assertEquals(border.idnEntriesJanSep2024(), entries, "Indonesian entries January-September 2024");
    assertTrue(Math.abs(entries - 123_000) < 2_000, "about 123,000: " + entries);
    assertEquals(border.events(), lh.read(CaseTables.SILVER_CROSSINGS).count(), "distinct valid crossing events");

    Map<Integer, Long> embassy = EmbassyGeneratorTest.recount(SampleLakehouse.samples().resolve("embassy"));
    assertEquals(2_332L, embassy.get(2020));
    assertEquals(17_212L, embassy.get(2023));
    for (Map.Entry<Integer, Long> y : embassy.entrySet()) {
      // Cumulative registrations on 31 December minus those on the year before (source_comparison).
      long gold = embassyCumulative(lh, y.getKey()) - embassyCumulative(lh, y.getKey() - 1);
      assertEquals(y.getValue(), gold, "embassy registrations in " + y.getKey());
    }
  }

  private static long embassyCumulative(Lakehouse lh, int year) {
    Row r = lh.read(CaseTables.SILVER_EMBASSY_REGISTRATIONS)
        .filter(not(col("is_deleted")).and(year(col("registration_date")).leq(year))).agg(count("*")).first();
    long silver = r.getLong(0);
    java.util.List<Row> gold = lh.read(CaseTables.SOURCE_COMPARISON)
        .filter(col("source").equalTo("embassy_registrations").and(col("ref_date").equalTo(Date.valueOf(year + "-12-31"))))
        .agg(sum("value")).collectAsList();
    if (!gold.isEmpty() && !gold.get(0).isNullAt(0)) {
      assertEquals(silver, gold.get(0).getLong(0), "source_comparison embassy registrations on " + year + "-12-31");
    }
    return silver;
  }

  @Test
  void everyNewSourceIsConservedAndNothingRawPassesBronze() {
    Lakehouse lh = SampleLakehouse.lakehouse();
    Row run = lh.read(Tables.RUNS).orderBy(col("started_at")).first();
    java.util.Set<String> sources = new java.util.TreeSet<>();
    for (Row c : run.<Row>getList(run.fieldIndex("conservation"))) {
      sources.add(c.getString(c.fieldIndex("source")));
      assertTrue(c.<Boolean>getAs("balanced"), c.toString());
    }
    assertTrue(sources.containsAll(java.util.List.of("residents", "permits", "cases", "crossings", "embassy", "glotip")),
        sources.toString());
    for (var t : CaseTables.ALL) {
      if (t.layer().equals("bronze")) {
        continue;
      }
      java.util.List<String> columns = java.util.List.of(lh.read(t).columns());
      for (String raw : java.util.List.of("no_paspor", "nama", "doc_number", "passport_no", "name", "full_name")) {
        assertFalse(columns.contains(raw), t.qualifiedName() + " holds a raw identifier column " + raw);
      }
    }
    // A case links to the person's resident record through the same pseudonym.
    long linked = lh.read(CaseTables.SILVER_CASES).select("person_id").distinct()
        .join(lh.read(Tables.SILVER_RESIDENTS).select("person_id").distinct(), "person_id").count();
    assertTrue(linked > 100, "cases linked to residents by pseudonym: " + linked);
  }

  @Test
  void everyRunBalances(SparkSession spark) {
    Lakehouse lh = SampleLakehouse.lakehouse();
    Row r = lh.read(Tables.RUNS).agg(count("*"), sum(when(expr("forall(conservation, c -> c.balanced)"), 1).otherwise(0)))
        .first();
    assertTrue(r.getLong(0) >= 1);
    assertEquals(r.getLong(0), r.getLong(1), "every run in ops.runs balances");
  }

  @Test
  void aSecondRunFindsNothingNewAndCommitsNothing(SparkSession spark) {
    Lakehouse lh = SampleLakehouse.lakehouse();
    Map<String, Long> before = lh.versions(RunJob.lineageTables());
    RunConfig cfg = new RunConfig(SampleLakehouse.AS_OF, SampleLakehouse.samples().toString(),
        SampleLakehouse.root().toString(), false, null, "second run", false);
    RunJob.Result again = new RunJob(spark, cfg, new Progress(new PrintStream(java.io.OutputStream.nullOutputStream())))
        .run();
    assertFalse(again.committed());
    assertEquals(before, lh.versions(RunJob.lineageTables()));
    assertEquals(58_307, again.indonesia().permitHolders());
  }

  /**
   * The release the samples run publishes, attacked and scanned as an outsider would (nested here so
   * that it shares this class's test JVM, where the samples lakehouse is built once).
   */
  @Nested
  class PublishedRelease {

  @Test
  void theAuditorNarrowsNoSuppressedCellBelowItsProtection() {
    AuditJob.Result r = AuditJob.audit(SampleLakehouse.lakehouse());
    assertTrue(r.suppressedCells() > 1_000, "suppressed cells: " + r.suppressedCells());
    assertTrue(r.tables().keySet().stream().anyMatch(t -> t.startsWith("cases_by_month")), r.tables().keySet().toString());
    assertEquals(List.of(), r.findings().stream().map(Finding::label).limit(20).toList());
  }

  @Test
  void everySuppressedCountHasAnAuditRowWithItsRule() {
    Lakehouse lh = SampleLakehouse.lakehouse();
    Set<String> audited = new HashSet<>();
    for (Row a : lh.read(PublishJob.DISCLOSURE_AUDIT).select("table_id", "rule").collectAsList()) {
      // primary:threshold<n, secondary, ratio:/median: (hidden with what they derive from), linked: (equal to a hidden cell)
      assertTrue(a.getString(1) != null && a.getString(1).matches("(primary|secondary|ratio|median|linked).*"), a.toString());
      audited.add(a.getString(0).replaceFirst("@.*$", ""));
    }
    for (Indicator ind : IndicatorCatalog.INDICATORS) {
      var t = IndicatorCatalog.publishTable(ind);
      if (!lh.exists(t)) {
        continue;
      }
      long hidden = lh.read(t).filter(col("flag").equalTo("[c]")).count();
      if (hidden > 0) {
        assertTrue(audited.stream().anyMatch(id -> id.startsWith(ind.id())),
            ind.id() + " hides " + hidden + " cells but ops.disclosure_audit has no row for it: " + audited);
      }
    }
  }

  /** Case tables: no published count of 1..9 (disclosure.md threshold 10) without a flag. */
  @Test
  void noCaseCountUnderTheThresholdIsPublishedUnflagged() {
    Lakehouse lh = SampleLakehouse.lakehouse();
    int checked = 0;
    for (Indicator ind : IndicatorCatalog.INDICATORS) {
      var t = IndicatorCatalog.publishTable(ind);
      if (!ind.family().equals("cases") || !lh.exists(t)) {
        continue;
      }
      checked++;
      List<Row> small = lh.read(t)
          .filter(not(col("measure").rlike("pct|share|median|rate|per_100k")))
          .filter(col("value").between(1, 9).and(col("flag").isNull()))
          .limit(5).collectAsList();
      assertEquals(List.of(), small, ind.id() + " publishes counts under 10");
    }
    assertTrue(checked >= 3, "case tables checked: " + checked);
  }

  /**
   * Every file under publish/ and every export file, searched for what must never leave bronze and
   * silver: document numbers and names from the extracts, and the pseudonyms.
   */
  @Test
  void noDocumentNumberNameOrPseudonymInAnyPublishedOrExportedFile() throws IOException {
    Lakehouse lh = SampleLakehouse.lakehouse();
    Path out = SampleLakehouse.export().outDir();

    Set<String> documents = new HashSet<>();
    Set<String> names = new HashSet<>();
    collect(lh.read(Tables.BRONZE_RESIDENTS).select("doc_number", "full_name"), documents, names);
    collect(lh.read(Tables.BRONZE_PERMITS).select("holder_doc_number", "holder_name"), documents, names);
    collect(lh.read(CaseTables.BRONZE_CASES).select("no_paspor", "nama"), documents, names);
    collect(lh.read(CaseTables.BRONZE_EMBASSY).select("no_paspor", "nama"), documents, names);
    Set<String> pseudonyms = new HashSet<>();
    for (var t : List.of(Tables.SILVER_RESIDENTS, Tables.SILVER_PERMITS, CaseTables.SILVER_CASES)) {
      lh.read(t).select("person_id").distinct().collectAsList().forEach(r -> pseudonyms.add(r.getString(0)));
    }
    assertTrue(documents.size() > 10_000 && names.size() > 1_000 && pseudonyms.size() > 10_000,
        documents.size() + " documents, " + names.size() + " names, " + pseudonyms.size() + " pseudonyms");

    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Stream.concat(Files.walk(SampleLakehouse.root().resolve("publish")), Files.walk(out))) {
      s.filter(Files::isRegularFile).forEach(files::add);
    }
    assertTrue(files.stream().anyMatch(f -> f.toString().endsWith("index.html")), files.toString());
    assertTrue(files.stream().anyMatch(f -> f.toString().endsWith(".parquet")), files.toString());
    Pattern token = Pattern.compile("[A-Za-z0-9]{6,64}");
    List<String> leaks = new ArrayList<>();
    for (Path f : files) {
      // Parquet pages may be compressed; read them through Spark instead (below). Text files directly.
      if (f.toString().endsWith(".parquet") || f.toString().endsWith(".crc") || f.toString().endsWith(".xlsx")) {
        continue;
      }
      String text = Files.readString(f, StandardCharsets.ISO_8859_1);
      scan(f.toString(), text, token, documents, pseudonyms, names, leaks);
    }
    // The publish tables' content and the workbook's, as text.
    for (Indicator ind : IndicatorCatalog.INDICATORS) {
      var t = IndicatorCatalog.publishTable(ind);
      if (lh.exists(t)) {
        StringBuilder sb = new StringBuilder();
        lh.read(t).collectAsList().forEach(r -> sb.append(r.mkString("|")).append('\n'));
        scan(t.qualifiedName(), sb.toString(), token, documents, pseudonyms, names, leaks);
      }
    }
    assertEquals(List.of(), leaks.stream().limit(10).toList());
  }

  private static void collect(org.apache.spark.sql.Dataset<Row> docAndName, Set<String> documents, Set<String> names) {
    for (Row r : docAndName.distinct().collectAsList()) {
      if (!r.isNullAt(0)) {
        String d = r.getString(0).replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        // Letters and digits: a count that happens to equal an all-digit number is not a leak.
        if (d.length() >= 6 && d.matches(".*[A-Z].*") && d.matches(".*[0-9].*")) {
          documents.add(d);
        }
      }
      if (!r.isNullAt(1) && r.getString(1).strip().contains(" ")) {
        String name = String.join(" ", r.getString(1).strip().toUpperCase(Locale.ROOT).split("\\s+"));
        // Initials ("L Min") would match minified script code in the dashboard: whole words only.
        if (name.length() >= 7 && java.util.Arrays.stream(name.split(" ")).allMatch(w -> w.length() >= 2)) {
          names.add(name);
        }
      }
    }
  }

  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'.]*");

  private static void scan(String where, String text, Pattern token, Set<String> documents, Set<String> pseudonyms,
                           Set<String> names, List<String> leaks) {
    Matcher m = token.matcher(text);
    while (m.find()) {
      String t = m.group();
      if (documents.contains(t.toUpperCase(Locale.ROOT))) {
        leaks.add(where + ": document number " + t);
      } else if (t.length() == 64 && pseudonyms.contains(t)) {
        leaks.add(where + ": pseudonym " + t);
      }
    }
    // Names: every run of 2 to 4 consecutive words, looked up in the set of names.
    List<String> words = new ArrayList<>();
    Matcher w = WORD.matcher(text);
    while (w.find()) {
      words.add(w.group().toUpperCase(Locale.ROOT));
    }
    for (int i = 0; i < words.size(); i++) {
      StringBuilder run = new StringBuilder(words.get(i));
      for (int n = 2; n <= 4 && i + n <= words.size(); n++) {
        run.append(' ').append(words.get(i + n - 1));
        if (names.contains(run.toString())) {
          leaks.add(where + ": name " + run);
        }
      }
    }
  }
}
}
