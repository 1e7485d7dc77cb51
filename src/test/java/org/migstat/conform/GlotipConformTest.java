package org.migstat.conform;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.migstat.ingest.glotip.GlotipTestFiles;
import org.migstat.ingest.glotip.GlotipWorkbook;
import org.migstat.ingest.glotip.GlotipWorkbookReader;
import org.migstat.ingest.glotip.RawSheetXml;
import org.migstat.testing.SparkExtension;

@ExtendWith(SparkExtension.class)
class GlotipConformTest {

  private static final StructType RAW = StructType.fromDDL(GlotipWorkbookReader.DDL);
  private static Dataset<Row> parsed;

  @BeforeAll
  static void conformTheRealFile(SparkSession spark) throws Exception {
    long t0 = System.nanoTime();
    GlotipWorkbook wb = GlotipWorkbookReader.read(GlotipTestFiles.realFile());
    long t1 = System.nanoTime();
    parsed = GlotipConform.parse(spark.createDataFrame(wb.sparkRows(), RAW)).cache();
    long n = parsed.count();
    long t2 = System.nanoTime();
    System.out.printf("GLOTIP: read %d rows in %d ms, parsed and judged in %d ms%n",
        n, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
  }

  @AfterAll
  static void release() {
    parsed.unpersist();
  }

  // ---------------------------------------------------------------- the real file

  @Test
  void acceptedPlusQuarantinedIsEveryRowExactlyOnce() {
    long accepted = GlotipConform.accepted(parsed).count();
    long quarantined = GlotipConform.quarantined(parsed).count();
    assertEquals(58_769, accepted + quarantined);
    assertEquals(58_769, parsed.count());
    assertEquals(58_769, GlotipConform.accepted(parsed).select("source_row")
        .union(GlotipConform.quarantined(parsed).select("source_row")).distinct().count());
  }

  @Test
  void rowsPerIndicator() {
    Map<String, Long> counts = counts(parsed.groupBy("indicator").count());
    assertEquals(Map.of(
        "Detected trafficking victims", 39_485L,
        "Persons convicted", 8_431L,
        "Persons prosecuted", 4_973L,
        "Persons brought into formal contact", 4_547L,
        "Offences of trafficking in persons", 1_333L), counts);
  }

  @Test
  void censoredValuesAreBoundsNotNumbers() {
    Dataset<Row> censored = parsed.filter(col("is_censored"));
    assertEquals(29_558, censored.count());
    assertEquals(29_558, censored.filter("txt_value = '<5' AND value IS NULL "
        + "AND value_lower = 1 AND value_upper = 4").count());
    assertEquals(0, parsed.filter("NOT is_censored AND (value IS NULL "
        + "OR value_lower <> value OR value_upper <> value)").count());
    assertEquals(0, parsed.filter("is_censored IS NULL").count(), "every value is <5 or a count");
  }

  @Test
  void thousandsSeparatorsAreParsed() {
    Row r = parsed.filter("txt_value = '1,404'").select("value", "value_lower", "value_upper").first();
    assertEquals(1404.0, r.getDouble(0));
    assertEquals(1404.0, r.getDouble(1));
    assertEquals(1404.0, r.getDouble(2));
    assertEquals(813, parsed.filter("txt_value LIKE '%,%' AND value IS NOT NULL").count());
    assertEquals(0, parsed.filter(array_contains(col("quality_failures"), "value_parseable")).count());
  }

  @Test
  void questionnaireCodeRowsAreQuarantinedWithTheirRule() {
    Dataset<Row> q = GlotipConform.quarantined(parsed);
    Dataset<Row> codeCategory = parsed.filter(col("category").rlike("^Q[0-9]"));
    assertEquals(120, codeCategory.count());
    assertEquals(120, q.filter(col("category").rlike("^Q[0-9]")
        .and(array_contains(col("quality_failures"), "category_not_questionnaire_code"))
        .and(array_contains(col("quality_failures"), "value_not_questionnaire_code"))).count());
    // Eight more rows carry a code as value under a real label (Nationals, Ciudadanos de su país).
    assertEquals(128, q.filter(array_contains(col("quality_failures"), "value_not_questionnaire_code")).count());
    assertEquals(List.of("AND", "PAK", "SLE", "SLV"), parsed
        .filter(array_contains(col("quality_failures"), "value_not_questionnaire_code"))
        .select("iso3_code").distinct().orderBy("iso3_code").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList());
    assertEquals(0, GlotipConform.accepted(parsed).filter("value >= 100000").count());
  }

  @Test
  void ruleFailureCountsOnTheRealFile() {
    Map<String, Long> counts = counts(GlotipConform.failureCounts(parsed));
    Map<String, Long> expected = new TreeMap<>(Map.of(
        "value_not_questionnaire_code", 128L,
        "value_plausible", 128L,
        "iso3_present", 26L,
        "category_not_questionnaire_code", 120L,
        "category_matches_dimension", 6L,
        "published_key_unique", 1_216L));
    assertEquals(expected, new TreeMap<>(counts));
    assertEquals(1_376, GlotipConform.quarantined(parsed).count());
  }

  @Test
  void blankAndGarbledCategoriesAreKeptAndFlagged() {
    Map<String, Long> quality = counts(parsed.groupBy("category_quality").count());
    assertEquals(Map.of("ok", 58_561L, "blank", 110L, "garbled", 98L), quality);
    Dataset<Row> acc = GlotipConform.accepted(parsed);
    assertTrue(acc.filter("category_quality = 'blank' AND category IS NULL").count() > 0);
    assertTrue(acc.filter("category_quality = 'garbled' AND category = 'Ciudadanos de su pa\uFFFDs'")
        .count() > 0, "garbled text kept as published");
  }

  /** Totals are the rows whose breakdown columns all say Total. */
  @Test
  void indonesiaDetectedVictimsTotalsEqualAnIndependentReadOfTheXlsx() throws Exception {
    Map<Integer, Map<Integer, String>> sheet =
        RawSheetXml.read(GlotipTestFiles.realFile(), GlotipWorkbookReader.SHEET);
    Map<String, Integer> column = new HashMap<>();
    sheet.get(3).forEach((c, name) -> column.put(name, c));
    Map<Integer, Double> expected = new TreeMap<>();
    for (Map.Entry<Integer, Map<Integer, String>> e : sheet.entrySet()) {
      Map<Integer, String> r = e.getValue();
      if (e.getKey() > 3 && "IDN".equals(r.get(column.get("Iso3_code")))
          && "Detected trafficking victims".equals(r.get(column.get("Indicator")))
          && "Total".equals(r.get(column.get("Dimension")))
          && "Total".equals(r.get(column.get("Category")))
          && "Total".equals(r.get(column.get("Sex")))
          && "Total".equals(r.get(column.get("Age")))) {
        double v = Double.parseDouble(r.get(column.get("txtVALUE")).replace(",", ""));
        assertNull(expected.put(Integer.parseInt(r.get(column.get("Year"))), v), "one total a year");
      }
    }
    Map<Integer, Double> expectedByHand = new TreeMap<>(Map.ofEntries(
        Map.entry(2007, 574.0), Map.entry(2008, 607.0), Map.entry(2009, 275.0),
        Map.entry(2010, 143.0), Map.entry(2012, 292.0), Map.entry(2013, 158.0),
        Map.entry(2014, 605.0), Map.entry(2015, 441.0), Map.entry(2017, 1469.0),
        Map.entry(2018, 297.0), Map.entry(2019, 280.0), Map.entry(2020, 60.0)));
    assertEquals(expectedByHand, expected);

    Map<Integer, Double> silver = new TreeMap<>();
    for (Row r : GlotipConform.accepted(parsed)
        .filter("iso3_code = 'IDN' AND indicator = 'Detected trafficking victims' "
            + "AND dimension = 'Total' AND category = 'Total' AND sex = 'Total' AND age = 'Total'")
        .select("year", "value").collectAsList()) {
      assertNull(silver.put(r.getInt(0), r.getDouble(1)));
    }
    assertEquals(expected, silver);
  }

  @Test
  void acceptedHasTheSilverSchema() {
    StructType silver = StructType.fromDDL(GlotipConform.SILVER_DDL);
    StructType actual = GlotipConform.accepted(parsed).schema();
    assertEquals(GlotipConform.SILVER_COLUMNS, Arrays.asList(silver.fieldNames()));
    assertEquals(typesOf(silver), typesOf(actual));
    assertEquals(0, GlotipConform.accepted(parsed).filter("iso3_code IS NULL OR country IS NULL "
        + "OR indicator IS NULL OR dimension IS NULL OR sex IS NULL OR age IS NULL OR year IS NULL "
        + "OR unit IS NULL OR is_censored IS NULL OR value_lower IS NULL OR value_upper IS NULL")
        .count(), "columns declared NOT NULL hold no NULL");
  }

  // ---------------------------------------------------------------- hand-made fixtures

  /** A clean row: Indonesia's 2019 total of detected victims as published. */
  private static Object[] base() {
    return new Object[] {"IDN", "Indonesia", "Asia", "South-eastern Asia",
        "Detected trafficking victims", "Total", "Total", "Total", "Total", "2019", "Counts",
        "280", "GLOTIP", 20913};
  }

  private static final int ISO3 = 0, COUNTRY = 1, INDICATOR = 4, DIMENSION = 5, CATEGORY = 6,
      SEX = 7, AGE = 8, YEAR = 9, UNIT = 10, TXT = 11;

  private static Object[] with(int field, Object v) {
    Object[] r = base();
    r[field] = v;
    return r;
  }

  private static Object[] withTwo(int field, Object v, int field2, Object v2) {
    Object[] r = with(field, v);
    r[field2] = v2;
    return r;
  }

  private static Dataset<Row> parseRows(SparkSession spark, Object[]... rows) {
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(r));
    }
    return GlotipConform.parse(spark.createDataFrame(list, RAW));
  }

  private static List<String> failures(SparkSession spark, Object[] row) {
    return parseRows(spark, row).first().getList(parsedIndex("quality_failures"));
  }

  private static int parsedIndex(String name) {
    return RAW.fieldNames().length + List.of("year_int", "value", "is_censored", "value_lower",
        "value_upper", "category_quality", "quality_failures").indexOf(name);
  }

  @Test
  void cleanRowPassesEveryRule(SparkSession spark) {
    Row r = parseRows(spark, base()).first();
    assertEquals(List.of(), r.getList(parsedIndex("quality_failures")));
    assertEquals(2019, r.getInt(parsedIndex("year_int")));
    assertEquals(280.0, r.getDouble(parsedIndex("value")));
    assertFalse(r.getBoolean(parsedIndex("is_censored")));
    assertEquals("ok", r.getString(parsedIndex("category_quality")));
  }

  @Test
  void eachRuleHasAFixtureThatFailsIt(SparkSession spark) {
    Map<String, Object[]> fixtures = new LinkedHashMap<>();
    fixtures.put("value_parseable", with(TXT, "12 (est.)"));
    fixtures.put("value_plausible", with(TXT, "2,000,000"));
    fixtures.put("year_valid", with(YEAR, "1899"));
    fixtures.put("iso3_present", with(ISO3, "Indonesia"));
    fixtures.put("country_present", with(COUNTRY, " "));
    fixtures.put("indicator_known", with(INDICATOR, "Detected victims"));
    fixtures.put("dimension_known", withTwo(DIMENSION, "by nationality", CATEGORY, "Nationals"));
    fixtures.put("sex_known", with(SEX, "F"));
    fixtures.put("age_known", with(AGE, "Adults"));
    fixtures.put("unit_is_counts", with(UNIT, "Rate per 100,000 population"));
    Object[] qCategory = with(DIMENSION, "by citizenship");
    qCategory[CATEGORY] = "Q6.1_10s_2019";
    qCategory[TXT] = "12";
    fixtures.put("category_not_questionnaire_code", qCategory);
    fixtures.put("category_matches_dimension", with(CATEGORY, "Nationals"));
    assertAll(fixtures.entrySet().stream().map(e -> () ->
        assertEquals(List.of(e.getKey()), failures(spark, e.getValue()), e.getKey())));

    // Rules that cannot fail alone.
    assertEquals(List.of("value_not_questionnaire_code", "value_plausible"),
        failures(spark, with(TXT, "61,102,019")), "a code is also far too large a count");
    List<Row> twins = parseRows(spark, base(), with(TXT, "281")).collectAsList();
    for (Row r : twins) {
      assertEquals(List.of("published_key_unique"), r.getList(parsedIndex("quality_failures")));
    }
    Object[] subtotal = with(DIMENSION, "by country of repatriation");
    subtotal[CATEGORY] = "TOTAL POR AÑO";
    assertEquals(List.of("category_matches_dimension"), failures(spark, subtotal));

    java.util.Set<String> covered = new java.util.TreeSet<>(fixtures.keySet());
    covered.addAll(List.of("value_not_questionnaire_code", "published_key_unique"));
    assertEquals(covered, GlotipConform.RULES.stream().map(org.migstat.quality.Rule::name)
        .collect(Collectors.toCollection(java.util.TreeSet::new)), "every rule has a fixture");
  }

  @Test
  void nullFailsARuleInsteadOfSlippingThrough(SparkSession spark) {
    assertEquals(List.of("value_parseable"), failures(spark, with(TXT, null)));
    assertEquals(List.of("year_valid"), failures(spark, with(YEAR, null)));
    assertEquals(List.of("iso3_present"), failures(spark, with(ISO3, null)));
    assertEquals(List.of("sex_known"), failures(spark, with(SEX, null)));
    assertEquals(List.of("indicator_known"), failures(spark, with(INDICATOR, null)));
    assertEquals(List.of("category_matches_dimension"), failures(spark, with(CATEGORY, null)),
        "dimension Total needs category Total");
  }

  @Test
  void censoredAndSeparatedValues(SparkSession spark) {
    Row censored = parseRows(spark, with(TXT, "<5")).first();
    assertNull(censored.get(parsedIndex("value")));
    assertTrue(censored.getBoolean(parsedIndex("is_censored")));
    assertEquals(1.0, censored.getDouble(parsedIndex("value_lower")));
    assertEquals(4.0, censored.getDouble(parsedIndex("value_upper")));
    assertEquals(List.of(), censored.getList(parsedIndex("quality_failures")));

    Row separated = parseRows(spark, with(TXT, "1,404")).first();
    assertEquals(1404.0, separated.getDouble(parsedIndex("value")));
    assertEquals(List.of(), separated.getList(parsedIndex("quality_failures")));

    assertEquals(List.of("value_parseable"), failures(spark, with(TXT, "1,40")),
        "a comma must group exactly three digits");
    assertEquals(List.of("value_parseable"), failures(spark, with(TXT, "<3")));
    assertEquals(List.of("year_valid"), failures(spark, with(YEAR, "2019.0")));
  }

  @Test
  void blankAndGarbledCategoriesPassButAreFlagged(SparkSession spark) {
    Object[] blank = with(DIMENSION, "by citizenship");
    blank[CATEGORY] = null;
    Object[] garbled = with(DIMENSION, "by citizenship");
    garbled[CATEGORY] = "Espa\uFFFDa";
    garbled[YEAR] = "2020";
    Dataset<Row> p = parseRows(spark, blank, garbled);
    List<Row> acc = GlotipConform.accepted(p).orderBy("year").collectAsList();
    assertEquals(2, acc.size());
    assertEquals("blank", acc.get(0).getAs("category_quality"));
    assertNull(acc.get(0).getAs("category"));
    assertEquals("garbled", acc.get(1).getAs("category_quality"));
    assertEquals("Espa\uFFFDa", acc.get(1).getAs("category"));
    assertEquals(0, GlotipConform.quarantined(p).count());
  }

  // ---------------------------------------------------------------- helpers

  private static Map<String, Long> counts(Dataset<Row> keyAndCount) {
    Map<String, Long> out = new HashMap<>();
    for (Row r : keyAndCount.collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  private static List<String> typesOf(StructType s) {
    List<String> out = new ArrayList<>();
    for (StructField f : s.fields()) {
      out.add(f.name() + ":" + f.dataType().simpleString());
    }
    return out;
  }
}
