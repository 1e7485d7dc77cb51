package org.migstat.publish;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.disclosure.Policy;

/**
 * How each catalogue indicator's cells come out of gold: one {@link Part} per indicator and measure,
 * with the disclosure policy of its family and the population it counts (tables of one period that
 * count the same population share their margins, and the suppressor treats those as one quantity).
 * Pure: gold frames in, detail frames out.
 */
public final class Publication {
  private Publication() {}

  /**
   * One published table: an indicator's measure.
   *
   * @param gold       the gold table it is computed from
   * @param population what its cells count; equal populations are linked within a period
   */
  public record Part(Indicator indicator, String measure, TableDef gold, String valueColumn, Policy policy,
                     String population) {
    public String tableId() {
      return indicator.id() + (indicator.measures().size() > 1 ? "." + measure : "");
    }
  }

  /** Disclosure policies per family (disclosure.md defaults). */
  public static Policy policy(String family) {
    return switch (family) {
      case "residence" -> Policy.residence();
      case "cases" -> CasePublication.CASES;
      case "border" -> CasePublication.BORDER;
      default -> throw new IllegalArgumentException("no disclosure policy for family " + family);
    };
  }

  /** The parts for every indicator migstat can publish from the gold tables it has. */
  public static List<Part> parts() {
    List<Part> parts = new ArrayList<>();
    for (Indicator ind : IndicatorCatalog.INDICATORS) {
      if (CasePublication.INDICATORS.contains(ind.id())) {
        continue; // published by CaseRelease, with their own period layout
      }
      Policy p = policy(ind.family());
      switch (ind.id()) {
        case "residents_by_citizenship", "residents_by_province", "residents_by_sex_age" ->
            parts.add(new Part(ind, "persons", Tables.RESIDENTS_STOCK, "persons", p, "residents"));
        case "permit_holders_by_sector", "permit_holders_by_validity" ->
            parts.add(new Part(ind, "persons", Tables.PERMIT_HOLDERS_STOCK, "persons", p, "permit_holders"));
        case "permit_coverage" -> {
          parts.add(new Part(ind, "residents", Tables.PERMIT_COVERAGE, "residents", p, "residents"));
          parts.add(new Part(ind, "permit_holders", Tables.PERMIT_COVERAGE, "permit_holders", p, "permit_holders"));
          parts.add(new Part(ind, "permit_holders_resident", Tables.PERMIT_COVERAGE, "permit_holders_resident", p,
              "resident_permit_holders"));
          parts.add(new Part(ind, "documentation_gap", Tables.PERMIT_COVERAGE, "documentation_gap", p,
              "residents_without_permit"));
        }
        case "first_permits" -> parts.add(new Part(ind, "persons", Tables.FIRST_PERMITS, "persons", p, "first_permits"));
        // Usual residents are the 12m_plus row of the length of residence, published from the same gold table as the
        // other residence breakdowns and as the same population, so the suppressor shares their margins.
        case "usual_residents", "residents_by_stay", "residents_by_country_of_birth" ->
            parts.add(new Part(ind, "persons", Tables.RESIDENTS_BY_STAY, "persons", p, "residents"));
        case "permit_holders_by_reason", "permit_holders_by_sex_age" ->
            parts.add(new Part(ind, "persons", Tables.PERMIT_HOLDERS_PROFILE, "persons", p, "permit_holders"));
        // By citizenship only: its parent, holders valid 12 months or more by citizenship, is published exact
        // (permit_holders_by_validity), so the subset bounds no hidden cell.
        case "long_term_residents" -> parts.add(new Part(ind, "persons", Tables.PERMIT_HOLDERS_PROFILE,
            "long_term_persons", p, "long_term_permit_holders"));
        default -> { /* indicators of sources not built here are published by their own plan */ }
      }
    }
    return parts;
  }

  /** Ratios published with the parts: id, numerator measure, denominator measure (same indicator and cell). */
  public static final Map<String, String[]> RATIOS = Map.of(
      "permit_coverage.coverage_pct", new String[] {"permit_holders_resident", "residents"});

  /**
   * Detail cells of a part: {@code period_start, period_end}, one column per dimension, {@code value};
   * summed over the gold breakdowns the indicator does not publish.
   */
  public static Dataset<Row> detail(Part part, Dataset<Row> gold) {
    boolean stock = part.indicator().kind() == Indicator.Kind.STOCK;
    List<Column> keys = new ArrayList<>();
    keys.add(stock ? col("ref_date").as("period_start") : col("period_start"));
    keys.add(stock ? col("ref_date").as("period_end") : col("period_end"));
    for (String d : part.indicator().dimensions()) {
      keys.add(col(d));
    }
    return gold.groupBy(keys.toArray(Column[]::new)).agg(sum(col(part.valueColumn())).cast("long").as("value"));
  }
}
