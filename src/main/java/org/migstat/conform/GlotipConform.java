package org.migstat.conform;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.migstat.quality.Rule;
import org.migstat.quality.Rules;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Silver step for the UNODC GLOTIP export: parses the raw rows of
 * {@link org.migstat.ingest.glotip.GlotipWorkbookReader} (schema {@code GlotipWorkbookReader.DDL},
 * all text) and judges them against {@link #RULES}. Pure transforms: no I/O, no session.
 *
 * <pre>
 *   raw ──parse──▶ parsed ──accepted──▶ silver (SILVER_DDL)
 *                         └─quarantined─▶ quarantine (raw + parsed columns + quality_failures)
 * </pre>
 *
 * <p><b>Silver table {@code glotip}</b> ({@link #SILVER_DDL}): UNODC Global Report on Trafficking
 * in Persons figures as published on dataUNODC. Grain: one row per indicator × dimension ×
 * category × sex × age × year × country as published (rows whose published key is not unique are
 * quarantined, so in silver the grain holds). Totals are not separate columns: a total is the row
 * whose breakdown columns say {@code Total} — dimension = category = sex = age = 'Total' is the
 * country-year total of an indicator; sex = 'Total' with a specific age is an age subtotal, etc.
 * {@code <5} is kept as a censored value (1 to 4, never 0, never to be added up): value NULL,
 * is_censored true, bounds 1 and 4.
 *
 * <p>ANSI mode stays on: text is only converted after a regular expression accepted it, and then
 * with {@code try_cast}.
 */
public final class GlotipConform {
  private GlotipConform() {}

  /** How UNODC publishes a count between 1 and 4. */
  public static final String CENSORED_TEXT = "<5";
  public static final double CENSORED_LOWER = 1;
  public static final double CENSORED_UPPER = 4;

  /** A count: digits, optionally grouped in thousands with commas ({@code 1,404}). */
  public static final String COUNT_PATTERN = "^([0-9]+|[0-9]{1,3}(,[0-9]{3})+)$";

  /** GLOTIP series begin in 2003; the Palermo Protocol dates from 2000. */
  public static final int FIRST_YEAR = 2000;
  public static final int LAST_YEAR = 2100;

  /** No country-year count of victims, persons or offences reaches this (largest real: 32,022). */
  public static final double MAX_PLAUSIBLE_COUNT = 1_000_000;

  public static final List<String> INDICATORS = List.of("Detected trafficking victims",
      "Persons convicted", "Persons prosecuted", "Persons brought into formal contact",
      "Offences of trafficking in persons");
  public static final List<String> DIMENSIONS = List.of("Total", "by form of exploitation",
      "by citizenship", "by country of repatriation");
  public static final List<String> SEXES = List.of("Total", "Female", "Male", "Other", "Unknown");
  public static final List<String> AGES = List.of("Total", "18 years or over", "0 to 17 years", "Unknown");
  /** The word GLOTIP uses in every breakdown column for "all of them". */
  public static final String TOTAL = "Total";

  /** The published key: one row per these columns is the grain. */
  public static final List<String> PUBLISHED_KEY = List.of("iso3_code", "country", "indicator",
      "dimension", "category", "sex", "age", "year");

  private static final String TXT = "txt_value";

  private static Column txt() {
    return trim(col(TXT));
  }

  /** txtVALUE without thousands separators. */
  private static Column txtDigits() {
    return regexp_replace(coalesce(txt(), lit("")), ",", "");
  }

  /**
   * The rules every row must pass to reach silver, in the order failures are listed.
   *
   * <p>What they catch in the release of 14/04/2025 (58,769 rows, 1,376 quarantined): the 120
   * Pakistan and Sierra Leone rows of persons convicted by citizenship 2019–2021 whose Category is
   * the questionnaire code itself (Q6.1_2s_2019 ... Q6.1_21s_2021) fail
   * category_not_questionnaire_code; they and 8 more rows labelled Nationals / Ciudadanos de su
   * país (AND 2022, PAK and SLE 2019–2021, SLV 2021) carry the code's digits as value (128 rows:
   * value_not_questionnaire_code and value_plausible). Sark has no ISO3 code (26 rows). BOL
   * 'TOTAL' and GTM 'TOTAL POR AÑO' are totals inside a breakdown (6 rows). 1,216 rows share
   * their published key with another row (492 keys; 616 of them are exact copies). Every
   * txtVALUE is a count or {@code <5}; every year, indicator, dimension, sex, age and unit is in
   * its domain.
   */
  public static final List<Rule> RULES = List.of(
      Rule.error("value_parseable",
          "txtVALUE is a count (digits, optionally with thousands separators such as 1,404) or the "
              + "censoring mark <5.",
          txt().equalTo(lit(CENSORED_TEXT)).or(txt().rlike(COUNT_PATTERN))),
      Rule.error("value_not_questionnaire_code",
          "txtVALUE is not a count but the digits of a UNODC questionnaire item code "
              + "Q6.1_<item>s_<year> (61,102,019 = Q6.1_10s_2019; 6,112,019 = Q6.1_1s_2019): seven or "
              + "eight digits starting 61 and ending in a year, three orders of magnitude above any "
              + "real count.",
          not(txtDigits().rlike("^61[0-9]{1,2}20[0-9]{2}$"))),
      Rule.error("value_plausible",
          "A count is below " + (long) MAX_PLAUSIBLE_COUNT + ": no country reports that many "
              + "victims, persons or offences in a year (the largest genuine count is 32,022).",
          coalesce(col("value"), lit(0)).lt(MAX_PLAUSIBLE_COUNT)),
      Rule.error("year_valid",
          "Year is a four-digit whole number from " + FIRST_YEAR + " to " + LAST_YEAR + ".",
          col("year_int").between(FIRST_YEAR, LAST_YEAR)),
      Rule.error("iso3_present",
          "Iso3_code holds a three-letter ISO 3166-1 alpha-3 code (Sark is published without one).",
          col("iso3_code").rlike("^[A-Z]{3}$")),
      Rule.error("country_present",
          "Country is not blank.",
          coalesce(trim(col("country")), lit("")).notEqual(lit(""))),
      Rule.error("indicator_known",
          "Indicator is one of the five GLOTIP indicators " + INDICATORS + ".",
          col("indicator").isin(INDICATORS.toArray())),
      Rule.error("dimension_known",
          "Dimension is one of " + DIMENSIONS + ".",
          col("dimension").isin(DIMENSIONS.toArray())),
      Rule.error("sex_known",
          "Sex is one of " + SEXES + ".",
          col("sex").isin(SEXES.toArray())),
      Rule.error("age_known",
          "Age is one of " + AGES + ".",
          col("age").isin(AGES.toArray())),
      Rule.error("unit_is_counts",
          "Unit of measurement is Counts, the only unit the value rules understand.",
          col("unit").equalTo(lit("Counts"))),
      Rule.error("category_not_questionnaire_code",
          "Category is a label (a country, a group, a form of exploitation), not an unresolved UNODC "
              + "questionnaire item code such as Q6.1_10s_2019; those rows carry the code's digits as "
              + "their value (see value_not_questionnaire_code). A blank category passes: it is kept "
              + "and flagged in category_quality.",
          not(coalesce(trim(col("category")), lit("")).rlike("^Q[0-9]+(\\.[0-9]+)*_"))),
      Rule.error("category_matches_dimension",
          "Dimension Total goes with Category Total, and a breakdown (by citizenship, by form of "
              + "exploitation, by country of repatriation) has no total among its categories "
              + "(BOL 'TOTAL', GTM 'TOTAL POR AÑO'), which would be added to its own parts.",
          when(col("dimension").equalTo(lit(TOTAL)), col("category").equalTo(lit(TOTAL)))
              .otherwise(not(coalesce(trim(col("category")), lit("")).rlike("(?i)^total\\b")))),
      Rule.error("published_key_unique",
          "No other row has the same country, indicator, dimension, category, sex, age and year. "
              + "The file repeats some keys with different values (e.g. ARG 2019 detected victims of "
              + "sex Other: <5 and 11) and gives no way to choose; all copies are quarantined.",
          count(lit(1)).over(Window.partitionBy(
              PUBLISHED_KEY.stream().map(c -> col(c)).toArray(Column[]::new))).equalTo(1)));

  /**
   * Silver schema, documented. Grain: one row per indicator × dimension × category × sex × age ×
   * year × country as published.
   */
  public static final String SILVER_DDL = String.join(", ",
      "iso3_code STRING NOT NULL COMMENT 'ISO 3166-1 alpha-3 code of the reporting country'",
      "country STRING NOT NULL COMMENT 'Country name as published by UNODC'",
      "region STRING COMMENT 'UN M49 region as published'",
      "subregion STRING COMMENT 'UN M49 subregion as published'",
      "indicator STRING NOT NULL COMMENT 'Detected trafficking victims | Persons convicted | Persons prosecuted | Persons brought into formal contact | Offences of trafficking in persons'",
      "dimension STRING NOT NULL COMMENT 'Breakdown: Total | by form of exploitation | by citizenship | by country of repatriation'",
      "category STRING COMMENT 'Category within the dimension, as published (Total when dimension is Total); NULL when blank in the source'",
      "category_quality STRING NOT NULL COMMENT 'ok | blank | garbled (U+FFFD replacement characters in the source text)'",
      "sex STRING NOT NULL COMMENT 'Total | Female | Male | Other | Unknown'",
      "age STRING NOT NULL COMMENT 'Total | 18 years or over | 0 to 17 years | Unknown'",
      "year INT NOT NULL COMMENT 'Reference year'",
      "unit STRING NOT NULL COMMENT 'Unit of measurement (Counts)'",
      "value DOUBLE COMMENT 'The count; NULL when censored'",
      "is_censored BOOLEAN NOT NULL COMMENT 'True when published as <5: between 1 and 4, never 0, not to be added up'",
      "value_lower DOUBLE NOT NULL COMMENT 'Lower bound of the count (1 when censored, else value)'",
      "value_upper DOUBLE NOT NULL COMMENT 'Upper bound of the count (4 when censored, else value)'",
      "source STRING COMMENT 'Source as published (GLOTIP)'",
      "source_row INT NOT NULL COMMENT '1-based spreadsheet row in sheet data_glotip_1 of the release'");

  /** Silver column order (the names of {@link #SILVER_DDL}). */
  public static final List<String> SILVER_COLUMNS = List.of("iso3_code", "country", "region",
      "subregion", "indicator", "dimension", "category", "category_quality", "sex", "age", "year",
      "unit", "value", "is_censored", "value_lower", "value_upper", "source", "source_row");

  /**
   * Adds the parsed columns to the raw rows: {@code year_int}, {@code value}, {@code is_censored},
   * {@code value_lower}, {@code value_upper}, {@code category_quality} and
   * {@code quality_failures} (the names of the {@link #RULES} the row fails, empty when none).
   * Keeps every raw column and every row.
   */
  public static Dataset<Row> parse(Dataset<Row> raw) {
    Column censored = txt().equalTo(lit(CENSORED_TEXT));
    Column isCount = txt().rlike(COUNT_PATTERN);
    Column value = when(isCount, regexp_replace(txt(), ",", "").try_cast(DataTypes.DoubleType));
    return raw
        .withColumn("year_int",
            when(trim(col("year")).rlike("^[0-9]{4}$"), trim(col("year")).try_cast(DataTypes.IntegerType)))
        .withColumn("value", value)
        .withColumn("is_censored", when(censored, lit(true)).when(value.isNotNull(), lit(false)))
        .withColumn("value_lower", when(censored, lit(CENSORED_LOWER)).otherwise(value))
        .withColumn("value_upper", when(censored, lit(CENSORED_UPPER)).otherwise(value))
        .withColumn("category_quality", categoryQuality(col("category")))
        .transform(rows -> Rules.evaluate(rows, RULES));
  }

  /** 'blank' (NULL or only spaces), 'garbled' (holds U+FFFD, lost in the source) or 'ok'. */
  public static Column categoryQuality(Column category) {
    return when(coalesce(trim(category), lit("")).equalTo(lit("")), lit("blank"))
        .when(category.contains("\uFFFD"), lit("garbled"))
        .otherwise(lit("ok"));
  }

  /** Rows that pass every rule, in the silver schema ({@link #SILVER_DDL}). */
  public static Dataset<Row> accepted(Dataset<Row> parsed) {
    return parsed.filter(size(col("quality_failures")).equalTo(0))
        .withColumn("year", col("year_int"))
        .select(SILVER_COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /** Rows that fail at least one rule, with all raw and parsed columns and their failures. */
  public static Dataset<Row> quarantined(Dataset<Row> parsed) {
    return parsed.filter(size(col("quality_failures")).gt(0));
  }

  /** How many rows fail each rule (a row failing two rules counts under both): rule, rows. */
  public static Dataset<Row> failureCounts(Dataset<Row> parsed) {
    return parsed.select(explode(col("quality_failures")).as("rule"))
        .groupBy("rule").count().withColumnRenamed("count", "rows");
  }
}
