package org.migstat.pipeline;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.migstat.catalog.TableDef;
import org.migstat.indicators.Borders;
import org.migstat.ingest.Source;
import org.migstat.ops.GoldLedger;

/**
 * What part of gold a run recomputes, from what changed since gold was last built — not from what this
 * run happened to read. Each gold table's last build is in {@link GoldLedger} (the versions of its inputs,
 * the slices it holds, its date parameter). A gold figure for a slice can only move if a changed input
 * row (its new or its old version) counts on or before that slice's date, if the slice is new, or if the
 * table's parameter moved. So each table is recomputed from the earliest date its inputs' changes can
 * move, plus its new slices; older slices stay as they are, with no new Delta files. A crash at any
 * point, a rerun, a new as-of date, or a source that widens the date span therefore never leaves gold
 * behind: the changes are still there, between the recorded versions and now. A table never built (a
 * new lakehouse), and {@code --rebuild}, recompute everything.
 */
final class GoldScope {
  private GoldScope() {}

  /** "Every slice": the table is replaced whole. */
  static final LocalDate ALL_DATES = LocalDate.MIN;

  /**
   * What to recompute of one table: every slice ending on or after {@code from} (null: none; {@link #ALL_DATES}:
   * the whole table), and the slices in {@code added} (new slices before {@code from}).
   */
  record TableScope(LocalDate from, SortedSet<LocalDate> added) {
    static final TableScope NONE = new TableScope(null, Collections.emptySortedSet());
    static final TableScope WHOLE = new TableScope(ALL_DATES, Collections.emptySortedSet());

    boolean isEmpty() {
      return from == null && added.isEmpty();
    }

    boolean whole() {
      return ALL_DATES.equals(from);
    }

    /** The earliest slice recomputed; null when none. */
    LocalDate earliest() {
      return min(from, added.isEmpty() ? null : added.first());
    }

    /** The slices of the domain this scope recomputes. */
    List<LocalDate> select(List<LocalDate> domain) {
      return domain.stream().filter(d -> (from != null && !d.isBefore(from)) || added.contains(d)).toList();
    }

    /** The replaceWhere predicate of these slices (dates only: safe as literals); null for the whole table. */
    String predicate(String column) {
      if (whole()) {
        return null;
      }
      List<String> parts = new ArrayList<>();
      if (from != null) {
        parts.add(column + " >= DATE'" + from + "'");
      }
      if (!added.isEmpty()) {
        parts.add(column + " IN (" + added.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", ")) + ")");
      }
      return String.join(" OR ", parts);
    }

    @Override
    public String toString() {
      if (whole()) {
        return "all";
      }
      String s = from == null ? "" : "from " + from;
      return added.isEmpty() ? s : (s.isEmpty() ? "" : s + " and ") + "new " + added;
    }
  }

  /** The earliest date a silver table's changes after a version can move (null: none; ALL_DATES: unknown). */
  @FunctionalInterface
  interface Changes {
    LocalDate since(TableDef silver, long version);
  }

  /**
   * Walks the graph in order: a table's scope is the earliest date its silver inputs' changes since its
   * last build can move, the scope of the gold tables it reads, a moved parameter, and its new slices.
   *
   * @param versions Delta versions of every input table now (qualified name to version)
   */
  static Map<GoldGraph.Node, TableScope> plan(List<GoldGraph.Node> nodes, Map<String, GoldLedger.Build> built,
                                              GoldGraph.Calendar cal, Map<String, Long> versions, Changes changes,
                                              boolean rebuild) {
    Map<GoldGraph.Node, TableScope> plan = new LinkedHashMap<>();
    Map<String, LocalDate> changedSince = new LinkedHashMap<>();
    for (GoldGraph.Node n : nodes) {
      GoldLedger.Build last = built.get(n.table().qualifiedName());
      if (rebuild || last == null || (n.slices() != GoldGraph.Slices.WHOLE && last.slices() == null)) {
        plan.put(n, TableScope.WHOLE);
        continue;
      }
      LocalDate from = null;
      for (TableDef in : n.inputs()) {
        Long was = last.inputVersions().get(in.qualifiedName());
        long now = versions.getOrDefault(in.qualifiedName(), -1L);
        if (in.layer().equals("gold")) {
          TableScope upstream = plan.get(GoldGraph.node(in));
          from = min(from, upstream.isEmpty() && Objects.equals(was, now) ? null
              : upstream.isEmpty() ? ALL_DATES : upstream.earliest());
        } else if (was == null || was > now) {
          from = ALL_DATES;
        } else if (was < now) {
          long after = was;
          from = min(from, changedSince.computeIfAbsent(in.qualifiedName() + "@" + was, k -> changes.since(in, after)));
        }
      }
      LocalDate param = n.parameter().apply(cal);
      if (!Objects.equals(param, last.parameter())) {
        from = min(from, n.parameterFrom().apply(last.parameter(), param));
      }
      if (n.slices() == GoldGraph.Slices.WHOLE) {
        plan.put(n, from == null ? TableScope.NONE : TableScope.WHOLE);
        continue;
      }
      TreeSet<LocalDate> added = new TreeSet<>(n.domain().apply(cal));
      added.removeAll(last.slices());
      LocalDate since = from;
      if (since != null) {
        added.removeIf(d -> !d.isBefore(since));
      }
      plan.put(n, new TableScope(from, Collections.unmodifiableSortedSet(added)));
    }
    return plan;
  }

  static LocalDate min(LocalDate a, LocalDate b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }

  /**
   * The earliest date on which changed records of a source (their old and their new versions: the rows of
   * silver's change feed) can move a gold figure; null when there are none. Registries: a record counts
   * from its registration, or for a permit from the earliest of its issue, validity, status and revocation
   * dates; the first-permit rule looks at all of a person's permits, so every permit of a person touched is
   * included (from {@code silverNow}). Cases count in the period they were reported. A crossing can end
   * the stay of an entry up to 60 days earlier.
   */
  static LocalDate earliestAffected(Source source, Dataset<Row> changed, Dataset<Row> silverNow) {
    Column earliest = earliestDate(source);
    Dataset<Row> touched = changed.select(earliest.as("d"), col("person_id"));
    if (source == Source.PERMITS) {
      touched = touched.unionByName(silverNow.join(broadcast(touched.select("person_id").distinct()), "person_id")
          .select(earliest.as("d"), col("person_id")));
    }
    Row r = touched.agg(functions.min(col("d"))).first();
    return r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
  }

  private static Column earliestDate(Source source) {
    return switch (source) {
      case RESIDENTS -> least(col("registration_date"), col("deregistration_date"));
      case PERMITS -> least(col("issue_date"), col("valid_from"), col("status_date"), col("revoked_on"));
      case CASES -> least(col("reported_date"), col("identified_date"), col("released_date"), col("repatriated_date"));
      case CROSSINGS -> date_sub(col("event_date"), Borders.OVERSTAY_DAYS + 1);
      case EMBASSY -> col("registration_date");
    };
  }
}
