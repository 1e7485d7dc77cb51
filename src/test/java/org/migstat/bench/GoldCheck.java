package org.migstat.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.migstat.catalog.CaseTables;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.lakehouse.Lakehouse;

/**
 * Our gold tables against the DuckDB peer's, cell by cell: rows are matched on the table's breakdown columns,
 * then every measure is compared exactly (a row only one side has counts each of its measures as a difference).
 */
final class GoldCheck {
  private GoldCheck() {}

  /** A gold table: the columns that identify a row and the measures compared. */
  record Spec(TableDef table, List<String> keys, List<String> measures) {}

  static final List<Spec> SPECS = List.of(
      new Spec(Tables.RESIDENTS_STOCK, List.of("ref_date", "citizenship", "province", "sex", "age_group"),
          List.of("persons")),
      new Spec(Tables.PERMIT_HOLDERS_STOCK, List.of("ref_date", "citizenship", "sector", "validity_class"),
          List.of("persons")),
      new Spec(Tables.PERMIT_COVERAGE, List.of("ref_date", "citizenship"),
          List.of("residents", "permit_holders", "permit_holders_resident", "coverage_pct", "documentation_gap")),
      new Spec(Tables.FIRST_PERMITS, List.of("period_start", "period_end", "citizenship", "reason", "validity_class"),
          List.of("persons", "permits")),
      new Spec(CaseTables.CASES_BY_MONTH, List.of("period_start", "period_end", "citizenship", "case_type", "sex",
          "age_group", "trafficking_status"),
          List.of("cases", "persons", "scam_related_cases", "scam_related_persons")),
      new Spec(CaseTables.BORDER_FLOWS, List.of("period_start", "period_end", "citizenship", "checkpoint",
          "checkpoint_type", "visa_type", "visa_class"), List.of("entries", "exits", "net_entries")),
      new Spec(CaseTables.OVERSTAY, List.of("period_start", "period_end", "citizenship"),
          List.of("observed_to", "tourist_entrants", "left_in_time", "overstayed", "pending", "overstay_pct")));

  /** The report lines; any line starting with DIFFERENT is a failed check. */
  record Outcome(long cellsCompared, long cellsDifferent, List<String> lines) {}

  static Outcome compare(Lakehouse lh, Map<String, List<Map<String, Object>>> peer) {
    List<String> lines = new ArrayList<>();
    long compared = 0;
    long different = 0;
    for (Spec spec : SPECS) {
      String name = spec.table().name();
      List<Map<String, Object>> theirs = peer.get(name);
      if (theirs == null) {
        lines.add("DIFFERENT: the DuckDB peer computed no " + name);
        continue;
      }
      List<String> cols = new ArrayList<>(spec.keys());
      cols.addAll(spec.measures());
      Map<String, Object[]> ours = new LinkedHashMap<>();
      for (Row r : lh.read(spec.table()).selectExpr(cols.toArray(String[]::new)).collectAsList()) {
        Object[] m = new Object[spec.measures().size()];
        for (int i = 0; i < m.length; i++) {
          m[i] = normal(r.get(spec.keys().size() + i));
        }
        Object[] k = new Object[spec.keys().size()];
        for (int i = 0; i < k.length; i++) {
          k[i] = normal(r.get(i));
        }
        ours.put(key(k), m);
      }
      Map<String, Object[]> duck = new LinkedHashMap<>();
      for (Map<String, Object> r : theirs) {
        duck.put(key(spec.keys().stream().map(c -> normal(r.get(c))).toArray()),
            spec.measures().stream().map(c -> normal(r.get(c))).toArray());
      }
      TreeSet<String> allKeys = new TreeSet<>(ours.keySet());
      allKeys.addAll(duck.keySet());
      long cells = 0;
      long diff = 0;
      long onlyOurs = 0;
      long onlyDuck = 0;
      List<String> examples = new ArrayList<>();
      for (String k : allKeys) {
        Object[] a = ours.get(k);
        Object[] b = duck.get(k);
        onlyOurs += b == null ? 1 : 0;
        onlyDuck += a == null ? 1 : 0;
        for (int i = 0; i < spec.measures().size(); i++) {
          cells++;
          Object x = a == null ? "(no row)" : a[i];
          Object y = b == null ? "(no row)" : b[i];
          if (!Objects.equals(x, y)) {
            diff++;
            if (examples.size() < 8) {
              examples.add(String.format("    %s [%s] %s: gold %s, DuckDB %s", name, k.replace('\u0001', ','),
                  spec.measures().get(i), x, y));
            }
          }
        }
      }
      compared += cells;
      different += diff;
      lines.add(String.format(Locale.ROOT, "%s%-22s %,9d rows in gold, %,9d in DuckDB, %,10d cells compared%s",
          diff == 0 ? "  equal     " : "DIFFERENT   ", name, ours.size(), duck.size(), cells,
          diff == 0 ? "" : String.format(", %,d differ (%,d rows only in gold, %,d only in DuckDB)", diff, onlyOurs,
              onlyDuck)));
      lines.addAll(examples);
    }
    lines.add(0, String.format(Locale.ROOT, "DuckDB against gold, cell by cell: %,d cells compared, %,d differ",
        compared, different));
    return new Outcome(compared, different, lines);
  }

  private static String key(Object[] values) {
    StringBuilder b = new StringBuilder();
    for (Object v : values) {
      b.append(b.isEmpty() ? "" : "\u0001").append(v);
    }
    return b.toString();
  }

  /** One representation per value whichever engine produced it: dates as LocalDate, integers as Long. */
  static Object normal(Object v) {
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof java.math.BigInteger) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof java.math.BigDecimal d) {
      return d.doubleValue();
    }
    return v;
  }
}
