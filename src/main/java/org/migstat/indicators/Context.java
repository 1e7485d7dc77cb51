package org.migstat.indicators;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** International context from published sources (UNODC GLOTIP), kept as published: censored stays censored. */
public final class Context {
  private Context() {}

  /** Countries shown beside the host and origin countries by default: Cambodia and Indonesia. */
  public static final List<String> GLOTIP_COUNTRIES = List.of("KHM", "IDN");
  public static final List<String> GLOTIP_INDICATORS =
      List.of("Detected trafficking victims", "Persons prosecuted", "Persons convicted");

  /** Country-year totals over dimension, category and age, by sex, for the countries given. */
  public static Dataset<Row> glotipContext(Dataset<Row> silverGlotip, List<String> countries, String release) {
    return silverGlotip
        .filter(col("iso3_code").isin(countries.toArray())
            .and(col("indicator").isin(GLOTIP_INDICATORS.toArray()))
            .and(col("dimension").equalTo("Total")).and(col("category").equalTo("Total"))
            .and(col("age").equalTo("Total")))
        .select(col("year"), col("iso3_code").as("country"), col("country").as("country_name"), col("indicator"),
            col("sex"), col("value"), col("is_censored"), col("value_lower"), col("value_upper"),
            lit(release).as("release"));
  }
}
