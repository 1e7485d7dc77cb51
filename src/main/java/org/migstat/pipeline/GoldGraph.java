package org.migstat.pipeline;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.migstat.catalog.CaseTables;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.indicators.Borders;
import org.migstat.indicators.Cases;
import org.migstat.indicators.Context;
import org.migstat.indicators.Flows;
import org.migstat.indicators.SourceComparison;
import org.migstat.indicators.Residence;
import org.migstat.indicators.Stocks;

/**
 * Gold as a graph: each gold table with the tables it reads (silver, or gold built before it), how its
 * rows are sliced by date, which slices exist (its domain, from the run's {@link Calendar}), the date
 * parameter its figures depend on, and its builder — a pure function of the input frames and the slices
 * to compute, from {@code indicators/}. {@link GoldScope} walks this graph to decide what a run recomputes;
 * {@link RunJob} reads the inputs and writes the results. Listed in dependency order.
 */
final class GoldGraph {
  private GoldGraph() {}

  /** How a table's rows are sliced: the unit a run recomputes and replaces. */
  enum Slices {
    /** One slice per reference date (column ref_date). */
    REF_DATES("ref_date"),
    /** Calendar months, or month to date for an as-of date (period_start, period_end; sliced by period_end). */
    MONTHS("period_end"),
    /** Years to date (1 January to period_end). */
    YEARS("period_end"),
    /** Not sliced: replaced whole. */
    WHOLE(null);

    final String column;

    Slices(String column) {
      this.column = column;
    }

    /** The frame a builder receives: ref_date, or period_start and period_end, for each slice end. */
    Dataset<Row> frame(SparkSession spark, List<LocalDate> ends) {
      if (this == REF_DATES) {
        return spark.createDataFrame(ends.stream().map(d -> RowFactory.create(Date.valueOf(d))).toList(),
            new StructType().add("ref_date", DataTypes.DateType));
      }
      List<Row> rows = ends.stream().map(d -> RowFactory.create(
          Date.valueOf(this == YEARS ? d.withDayOfYear(1) : d.withDayOfMonth(1)), Date.valueOf(d))).toList();
      return spark.createDataFrame(rows, new StructType().add("period_start", DataTypes.DateType)
          .add("period_end", DataTypes.DateType));
    }
  }

  /**
   * The dates and parameters of a run, derived from the ledgers and the as-of date: which slices exist.
   *
   * @param registry    month ends of the registries' extract span plus every as-of date
   * @param cases       the same for the cases extracts
   * @param border      the same for the border crossings
   * @param entryMonths month ends of the border crossings' span (overstay entry months)
   * @param asOfDates   as-of dates of earlier successful runs and this one
   * @param observedTo  the day the border events are observed to (NULL without crossings)
   * @param borderBase  first day counted in the net border entries of the source comparison
   * @param glotipRelease release date of the UNODC file imported last (NULL when none)
   * @param firstPermitSameReason the national variant of the first-permit rule
   */
  record Calendar(List<LocalDate> registry, List<LocalDate> cases, List<LocalDate> border, List<LocalDate> entryMonths,
                  Set<LocalDate> asOfDates, LocalDate observedTo, LocalDate borderBase, LocalDate glotipRelease,
                  boolean firstPermitSameReason) {

    /** Month ends of one span plus the as-of dates; just the as-of dates when the source has no files. */
    static List<LocalDate> referenceDates(LocalDate first, LocalDate last, Collection<LocalDate> asOfDates) {
      TreeSet<LocalDate> dates = new TreeSet<>(asOfDates);
      if (first != null) {
        for (YearMonth m = YearMonth.from(first); !m.isAfter(YearMonth.from(last)); m = m.plusMonths(1)) {
          dates.add(m.atEndOfMonth());
        }
      }
      return new ArrayList<>(dates);
    }

    /** Year-to-date ends: 31 December, and every as-of date. */
    List<LocalDate> yearEnds(List<LocalDate> dates) {
      return dates.stream().filter(d -> (d.getMonthValue() == 12 && d.getDayOfMonth() == 31) || asOfDates.contains(d))
          .toList();
    }

    List<LocalDate> monthEndsAndAsOf(List<LocalDate> dates) {
      return dates.stream().filter(d -> d.equals(YearMonth.from(d).atEndOfMonth()) || asOfDates.contains(d)).toList();
    }
  }

  /** Builds a gold table from its inputs (by table) and the slices to compute. Pure: no reads, writes or clocks. */
  @FunctionalInterface
  interface Builder {
    Dataset<Row> build(Inputs in, Dataset<Row> slices, Calendar cal);
  }

  /**
   * What a builder reads: its input tables, and the person-date frames of the two registry stocks computed
   * from them ({@link Stocks#residentsOnDates}, {@link Stocks#permitHoldersOnDates}, {@link Stocks#personDates}).
   * Five gold tables count persons on the registry's reference dates; a run may hand them one frame computed
   * once for all ({@link SharedPersonDates}) instead of each expanding silver over the dates again.
   */
  interface Inputs {
    Dataset<Row> get(TableDef table);

    /** Residents on the slice dates, one row per (ref_date, person). */
    default Dataset<Row> residentsOnDates(Dataset<Row> slices) {
      return Stocks.residentsOnDates(get(Tables.SILVER_RESIDENTS), slices);
    }

    /** Permit holders on the slice dates, one row per (ref_date, person). */
    default Dataset<Row> holdersOnDates(Dataset<Row> slices) {
      return Stocks.permitHoldersOnDates(get(Tables.SILVER_PERMITS), slices);
    }

    /** Residents and holders on the slice dates, joined by person ({@link Stocks#personDates}). */
    default Dataset<Row> personDates(Dataset<Row> slices) {
      return Stocks.personDates(residentsOnDates(slices), holdersOnDates(slices));
    }

    static Inputs of(Map<TableDef, Dataset<Row>> tables) {
      return t -> {
        Dataset<Row> d = tables.get(t);
        if (d == null) {
          throw new IllegalArgumentException(t.qualifiedName() + " is not an input of this table");
        }
        return d;
      };
    }
  }

  /**
   * One gold table.
   *
   * @param parameter     the date parameter its figures depend on (NULL when none)
   * @param parameterFrom when the parameter moves from the first to the second value, the earliest slice that can
   *                      change ({@link GoldScope#ALL_DATES}: all of them)
   */
  record Node(TableDef table, List<TableDef> inputs, Slices slices, Function<Calendar, List<LocalDate>> domain,
              Function<Calendar, LocalDate> parameter, BinaryOperator<LocalDate> parameterFrom, Builder builder,
              Additive additive) {

    static Node of(TableDef table, List<TableDef> inputs, Slices slices, Function<Calendar, List<LocalDate>> domain,
                   Builder builder) {
      return new Node(table, inputs, slices, domain, cal -> null, (a, b) -> GoldScope.ALL_DATES, builder, null);
    }

    Node withParameter(Function<Calendar, LocalDate> p, BinaryOperator<LocalDate> from) {
      return new Node(table, inputs, slices, domain, p, from, builder, additive);
    }

    /** Declares the table a sum over persons (see {@link Additive}). */
    Node additive(List<String> measures, List<String> derived, UnaryOperator<Dataset<Row>> derive) {
      return new Node(table, inputs, slices, domain, parameter, parameterFrom, builder,
          new Additive(measures, derived, derive));
    }

    /** 0 for a table built from silver only; else one more than the deepest gold table it reads. */
    int level() {
      return inputs.stream().filter(t -> t.layer().equals("gold")).mapToInt(t -> node(t).level() + 1).max().orElse(0);
    }
  }

  /**
   * A table whose every measure is a count over persons ({@code person_id} of its silver inputs) in which each
   * person's part depends on that person's rows only: a person counts once per (slice, group) or not at all.
   * Such a table can be brought up to date by difference — its rows now, less what the changed persons
   * contributed at the silver versions it was built from, plus what they contribute now — instead of
   * recomputing every slice a change can reach (a late or corrected registry record reaches back years, but
   * touches a handful of persons). Groups whose measures all fall to zero are dropped, as a full
   * computation would never produce them.
   *
   * @param measures the summed columns
   * @param derived  columns computed from the measures (recomputed by {@code derive} after the sum)
   * @param derive   adds {@code derived} to a frame of the keys and measures
   */
  record Additive(List<String> measures, List<String> derived, UnaryOperator<Dataset<Row>> derive) {
    static final List<String> STAMP = List.of("definition_version", "run_id");

    /** The grouping keys: every column of the table that is not a measure, derived, or the stamp. */
    List<String> keys(TableDef t) {
      return java.util.Arrays.stream(t.schema().fieldNames())
          .filter(c -> !measures.contains(c) && !derived.contains(c) && !STAMP.contains(c)).toList();
    }
  }

  private static final List<String> PERSONS = List.of("persons");

  /** Every gold table, each after the gold tables it reads. */
  static final List<Node> NODES = List.of(
      Node.of(Tables.RESIDENTS_STOCK, List.of(Tables.SILVER_RESIDENTS), Slices.REF_DATES, Calendar::registry,
          (in, s, cal) -> Stocks.residentsStock(in.residentsOnDates(s)))
          .additive(PERSONS, List.of(), f -> f),
      Node.of(Tables.PERMIT_HOLDERS_STOCK, List.of(Tables.SILVER_PERMITS), Slices.REF_DATES, Calendar::registry,
          (in, s, cal) -> Stocks.permitHoldersStock(in.holdersOnDates(s)))
          .additive(PERSONS, List.of(), f -> f),
      Node.of(Tables.PERMIT_COVERAGE, List.of(Tables.SILVER_RESIDENTS, Tables.SILVER_PERMITS), Slices.REF_DATES,
          Calendar::registry,
          (in, s, cal) -> Stocks.coverage(in.personDates(s)))
          .additive(List.of("residents", "permit_holders", "permit_holders_resident"),
              List.of("coverage_pct", "documentation_gap"), Stocks::coverageRatios),
      // The residence definitions (usual residence, stay category, country of birth) and Eurostat's permit
      // breakdowns (reason, sex, age: from the holder's resident record on the same date).
      Node.of(Tables.RESIDENTS_BY_STAY, List.of(Tables.SILVER_RESIDENTS), Slices.REF_DATES, Calendar::registry,
          (in, s, cal) -> Residence.residentsByStay(in.residentsOnDates(s)))
          .additive(PERSONS, List.of(), f -> f),
      Node.of(Tables.USUAL_RESIDENTS, List.of(Tables.RESIDENTS_BY_STAY), Slices.REF_DATES, Calendar::registry,
          (in, s, cal) -> Residence.usualResidents(in.get(Tables.RESIDENTS_BY_STAY)
              .join(org.apache.spark.sql.functions.broadcast(s), "ref_date"))),
      Node.of(Tables.PERMIT_HOLDERS_PROFILE, List.of(Tables.SILVER_RESIDENTS, Tables.SILVER_PERMITS), Slices.REF_DATES,
          Calendar::registry,
          (in, s, cal) -> Stocks.permitHoldersProfile(in.personDates(s)))
          .additive(List.of("persons", "long_term_persons"), List.of(), f -> f),
      Node.of(Tables.FIRST_PERMITS, List.of(Tables.SILVER_PERMITS), Slices.MONTHS, Calendar::registry,
          (in, s, cal) -> Flows.firstPermits(
              Flows.markFirstPermits(in.get(Tables.SILVER_PERMITS), cal.firstPermitSameReason()), s))
          .additive(List.of("persons", "permits"), List.of(), f -> f),
      Node.of(CaseTables.CASES_BY_MONTH, List.of(CaseTables.SILVER_CASES), Slices.MONTHS, Calendar::cases,
          (in, s, cal) -> Cases.byMonth(in.get(CaseTables.SILVER_CASES), s)),
      Node.of(CaseTables.CASE_PROFILE, List.of(CaseTables.SILVER_CASES), Slices.YEARS,
          cal -> cal.yearEnds(cal.cases()),
          (in, s, cal) -> Cases.profile(in.get(CaseTables.SILVER_CASES), s)),
      Node.of(CaseTables.CASE_OUTCOMES, List.of(CaseTables.SILVER_CASES), Slices.YEARS,
          cal -> cal.yearEnds(cal.cases()),
          (in, s, cal) -> Cases.outcomes(in.get(CaseTables.SILVER_CASES), s)),
      Node.of(CaseTables.BORDER_FLOWS, List.of(CaseTables.SILVER_CROSSINGS), Slices.MONTHS, Calendar::border,
          (in, s, cal) -> Borders.flows(in.get(CaseTables.SILVER_CROSSINGS), s)),
      // A month's row reads the events up to its observed_to: the observation date, or its end plus the 60 days
      // once those have passed (Borders.observedTo). When the observation date moves, only the months whose end
      // plus 60 days is after the earlier of the two dates can change — figures and date alike.
      Node.of(CaseTables.OVERSTAY, List.of(CaseTables.SILVER_CROSSINGS), Slices.MONTHS, Calendar::entryMonths,
          (in, s, cal) -> Borders.overstay(in.get(CaseTables.SILVER_CROSSINGS), s, cal.observedTo()))
          .withParameter(Calendar::observedTo, (before, now) -> before == null || now == null ? GoldScope.ALL_DATES
              : GoldScope.min(before, now).minusDays(Borders.OVERSTAY_DAYS - 1)),
      Node.of(Tables.GLOTIP_CONTEXT, List.of(Tables.SILVER_GLOTIP), Slices.WHOLE, cal -> List.of(),
          (in, s, cal) -> Context.glotipContext(in.get(Tables.SILVER_GLOTIP), Context.GLOTIP_COUNTRIES,
              cal.glotipRelease() == null ? null : cal.glotipRelease().toString()))
          .withParameter(Calendar::glotipRelease, (a, b) -> GoldScope.ALL_DATES),
      Node.of(CaseTables.CASES_PER_100K, List.of(CaseTables.SILVER_CASES, Tables.RESIDENTS_STOCK), Slices.YEARS,
          cal -> cal.yearEnds(cal.cases()),
          (in, s, cal) -> Cases.per100k(in.get(CaseTables.SILVER_CASES), in.get(Tables.RESIDENTS_STOCK), s)),
      Node.of(CaseTables.SOURCE_COMPARISON, List.of(Tables.PERMIT_COVERAGE, CaseTables.SILVER_EMBASSY_REGISTRATIONS,
              CaseTables.SILVER_CROSSINGS, CaseTables.SILVER_CASES), Slices.REF_DATES,
          cal -> cal.monthEndsAndAsOf(cal.registry()),
          (in, s, cal) -> SourceComparison.compare(in.get(Tables.PERMIT_COVERAGE),
              in.get(CaseTables.SILVER_EMBASSY_REGISTRATIONS), in.get(CaseTables.SILVER_CROSSINGS),
              in.get(CaseTables.SILVER_CASES), s, cal.borderBase()))
          .withParameter(Calendar::borderBase, (a, b) -> GoldScope.ALL_DATES));

  static Node node(TableDef t) {
    return NODES.stream().filter(n -> n.table().equals(t)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(t.qualifiedName() + " is not a gold table of the graph"));
  }

  /** The silver tables gold reads. */
  static List<TableDef> silverInputs() {
    return NODES.stream().flatMap(n -> n.inputs().stream()).filter(t -> t.layer().equals("silver")).distinct().toList();
  }
}
