package org.migstat.publish;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.catalog.CaseTables;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.Tables;
import org.migstat.disclosure.Finding;
import org.migstat.export.ExportJob;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.testing.SampleLakehouse;
import org.migstat.testing.SparkExtension;

/** The release the samples run publishes, attacked and scanned as an outsider would. */
@ExtendWith(SparkExtension.class)
class PublishedSamplesTest {

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
  void noDocumentNumberNameOrPseudonymInAnyPublishedOrExportedFile(SparkSession spark, @TempDir Path out)
      throws IOException {
    Lakehouse lh = SampleLakehouse.lakehouse();
    ExportJob.export(spark, SampleLakehouse.root().toString(), SampleLakehouse.AS_OF, out);

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
    assertTrue(documents.size() > 10_000 && names.size() > 10_000 && pseudonyms.size() > 10_000,
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
        names.add(String.join(" ", r.getString(1).strip().toUpperCase(Locale.ROOT).split("\\s+")));
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
