package org.migstat.publish;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.RelationCatalog;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.disclosure.Hierarchy;
import org.migstat.disclosure.Policy;
import org.migstat.disclosure.TableSpec;

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
      return Publication.tableId(indicator, measure);
    }
  }

  /** The table id of an indicator's measure: the indicator's id, with {@code .measure} when it has several. */
  public static String tableId(Indicator indicator, String measure) {
    return indicator.measures().size() > 1 ? indicator.id() + "." + measure : indicator.id();
  }

  /**
   * The disclosure engine's view of a part's detail cells: its dimensions, each adding up to {@code _T} through the
   * intermediate levels the catalogue declares ({@link RelationCatalog.Declaration#parents}), its policy and
   * population.
   */
  public static TableSpec spec(Part part) {
    TableSpec.Builder spec = TableSpec.builder(part.tableId(), part.policy()).population(part.population());
    RelationCatalog.Declaration d = RelationCatalog.of(part.indicator().id());
    part.indicator().dimensions().forEach(dim -> spec.dimension(dim, Hierarchy.withParents(d.parents(dim))));
    return spec.build();
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

  /**
   * The parts for every indicator migstat can publish from the gold tables it has: every count of the residence
   * family as the {@link RelationCatalog} declares it (gold table and column, population).
   */
  public static List<Part> parts() {
    List<Part> parts = new ArrayList<>();
    for (RelationCatalog.Declaration d : RelationCatalog.declarations()) {
      Indicator ind = d.indicator();
      if (CasePublication.INDICATORS.contains(ind.id())) {
        continue; // published by CaseRelease, with their own period layout
      }
      Policy p = policy(ind.family());
      for (RelationCatalog.Measure m : d.measures()) {
        if (m.kind() == RelationCatalog.MeasureKind.COUNT) {
          TableDef gold = Tables.ALL.stream().filter(t -> t.qualifiedName().equals(m.goldTable())).findFirst()
              .orElseThrow(() -> new IllegalStateException(m + ": no gold table " + m.goldTable()));
          parts.add(new Part(ind, m.name(), gold, m.goldColumn(), p, m.population()));
        }
      }
    }
    return parts;
  }

  /**
   * Ratios published with the parts: id, numerator measure, denominator measure (same indicator and cell), from the
   * catalogue's shares. {@link ResidenceRelease} adds them to the problem.
   */
  public static final Map<String, String[]> RATIOS = ratios();

  private static Map<String, String[]> ratios() {
    Map<String, String[]> out = new java.util.LinkedHashMap<>();
    for (RelationCatalog.Share s : RelationCatalog.relations(RelationCatalog.Share.class)) {
      if (!CasePublication.INDICATORS.contains(s.indicator())) {
        out.put(s.indicator() + "." + s.measure(), new String[] {s.numerator(), s.denominator()});
      }
    }
    return out;
  }

  /**
   * Detail cells of a part: {@code period_start, period_end}, one column per dimension, {@code value};
   * summed over the gold breakdowns the indicator does not publish. A gold code the catalogue
   * {@linkplain RelationCatalog.Split splits} comes out as its two children (the part from its gold column, the rest
   * the remainder); the suppressor adds them back up to the code.
   */
  public static Dataset<Row> detail(Part part, Dataset<Row> gold) {
    boolean stock = part.indicator().kind() == Indicator.Kind.STOCK;
    Dataset<Row> rows = gold.withColumn(VALUE, col(part.valueColumn()));
    for (RelationCatalog.Split s : RelationCatalog.of(part.indicator().id()).splits()) {
      rows = split(rows, s);
    }
    List<Column> keys = new ArrayList<>();
    keys.add(stock ? col("ref_date").as("period_start") : col("period_start"));
    keys.add(stock ? col("ref_date").as("period_end") : col("period_end"));
    for (String d : part.indicator().dimensions()) {
      keys.add(col(d));
    }
    return rows.groupBy(keys.toArray(Column[]::new)).agg(sum(col(VALUE)).cast("long").as("value"));
  }

  private static final String VALUE = "_value";

  /** The rows of {@code s.code()} as two rows each, {@code s.rest()} and {@code s.part()}; other rows as they are. */
  static Dataset<Row> split(Dataset<Row> rows, RelationCatalog.Split s) {
    Column isCode = col(s.dimension()).eqNullSafe(lit(s.code()));
    Column part = col(s.partColumn());
    Dataset<Row> other = rows.filter(not(isCode));
    Dataset<Row> rest = rows.filter(isCode).withColumn(s.dimension(), lit(s.rest()))
        .withColumn(VALUE, col(VALUE).minus(part));
    Dataset<Row> parts = rows.filter(isCode).withColumn(s.dimension(), lit(s.part())).withColumn(VALUE, part);
    return other.unionByName(rest).unionByName(parts);
  }
}
