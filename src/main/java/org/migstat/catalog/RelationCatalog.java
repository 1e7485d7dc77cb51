package org.migstat.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of published numbers and every arithmetic relation a reader can form between them (issue 12): one
 * {@link Declaration} per published indicator, with its typed {@link Measure measures} and how its dimensions add
 * up, and the {@link Relation relations} between measures — identities, shares, subsets, the same quantity in two
 * tables — and the pairs declared {@link Independent independent}, each with its reason.
 *
 * <p>Readers: the residence publication ({@code publish.Publication}, {@code publish.ResidenceRelease}) takes its
 * parts, populations, identities and shares from here; the history auditor ({@code publish.HistoryAudit}, behind
 * {@code bin/migstat audit}) builds the attacker's problem from here and the published files alone. A test checks
 * that every pair of published counts sharing coordinates is related here or declared independent, and that every
 * measure's gold table and column exist.
 *
 * <p>Margins: a dimension declared {@link Additivity#SUM} publishes a total {@code _T} that is the sum of its values;
 * {@link Additivity#MULTI_VALUED} a total of distinct persons between the largest value and the sum;
 * {@link Additivity#NONE} no total. Periods: a count whose measure is {@link Measure#timeAdditive() additive in time}
 * (cases, events) is the sum of the published periods that tile its period (months to year, months and month to
 * date to year to date); any count over a period contains the count over a shorter period with the same start (year
 * to date at two dates, month to date and its month: the difference is the persons in between). Stocks on different
 * dates are not related (persons come and go), except the same date in two vintages.
 */
public final class RelationCatalog {
  private RelationCatalog() {}

  /** How a dimension's values add up to its total {@code _T}. */
  public enum Additivity { SUM, MULTI_VALUED, NONE }

  /** What a measure's value is. */
  public enum MeasureKind {
    /** A count of persons, cases or events, protected by its family's threshold. */
    COUNT,
    /** A share or rate of two counts: published only when both are. */
    PERCENT,
    /** A median over the persons of a count: published only when the count is safe and published. */
    MEDIAN,
    /** Figures already public elsewhere (UNODC): no relation to migstat's own counts. */
    CONTEXT
  }

  /**
   * One published measure.
   *
   * @param name         value of the {@code measure} column in {@code publish.<indicator>}
   * @param label        label (English / Indonesian)
   * @param unit         persons, cases, events, percent, days
   * @param goldTable    the gold table it comes from ({@code layer.name})
   * @param goldColumn   the gold column (an expression's inputs for a derived split are named in its relation)
   * @param population   what a count counts: counts of one population on the same period and coordinates are one
   *                     quantity (the margins the tables share); null for percentages and medians
   * @param timeAdditive whether counts of disjoint periods add up (cases, events; not distinct persons)
   */
  public record Measure(String indicator, String name, Text label, String unit, MeasureKind kind, String goldTable,
                        String goldColumn, String population, boolean timeAdditive) {
    public String tableId(Declaration d) {
      return d.measures().size() > 1 ? indicator + "." + name : indicator;
    }
  }

  /**
   * An indicator as published.
   *
   * @param family     disclosure family (policy): residence, cases, border, comparison, context
   * @param dimensions each catalogue dimension of the indicator and how it adds up
   */
  public record Declaration(Indicator indicator, String family, Map<String, Additivity> dimensions,
                            List<Measure> measures, List<Split> splits) {
    public Declaration {
      splits = List.copyOf(splits);
      for (Split s : splits) {
        if (dimensions.get(s.dimension()) != Additivity.SUM) {
          throw new IllegalStateException(indicator.id() + ": split " + s + " of a dimension that is not a SUM");
        }
      }
    }

    /**
     * The published intermediate levels of a dimension: child code to parent code (empty when its values add up to
     * {@code _T} directly). Readers build the disclosure hierarchy from it.
     */
    public Map<String, String> parents(String dimension) {
      Map<String, String> out = new LinkedHashMap<>();
      splits.stream().filter(s -> s.dimension().equals(dimension)).forEach(s -> out.putAll(s.parents()));
      return out;
    }

    public Measure measure(String name) {
      return measures.stream().filter(m -> m.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(indicator.id() + " has no measure " + name));
    }

    public boolean stock() {
      return indicator.kind() == Indicator.Kind.STOCK;
    }
  }

  /**
   * A gold code published one level further down: the gold rows with {@code code} in {@code dimension} are split into
   * {@code part}, counted by the gold column {@code partColumn} (a subset of the measure's column), and {@code rest},
   * the remainder; {@code code} is still published, as their parent (the sum the suppressor and the auditor know), and
   * still a child of {@code _T}. Example: valid 12 months or more = 12 to 59 months + 5 years or more (Eurostat's
   * long-term class nested in "12 months or more").
   */
  public record Split(String dimension, String code, String rest, String part, String partColumn) {
    public Map<String, String> parents() {
      Map<String, String> out = new LinkedHashMap<>();
      out.put(rest, code);
      out.put(part, code);
      return out;
    }
  }

  /** A relation between published measures, at the same period and coordinates unless it says otherwise. */
  public sealed interface Relation permits Identity, Share, Subset, SameQuantity, Independent {
    String id();

    /** The measures involved, as {@code indicator.measure}. */
    List<String> measures();
  }

  /** {@code total = sum(parts)} for every period and coordinate (measures of one indicator). */
  public record Identity(String id, String indicator, String total, List<String> parts) implements Relation {
    public List<String> measures() {
      List<String> out = new ArrayList<>(List.of(indicator + "." + total));
      parts.forEach(p -> out.add(indicator + "." + p));
      return out;
    }
  }

  /**
   * {@code measure = scale * numerator / denominator}, rounded to {@code decimals}; the denominator is taken at the
   * same coordinates with {@code denominatorAt} overriding some (a share of the persons with the characteristic
   * recorded: {@code category=_T}).
   */
  public record Share(String id, String indicator, String measure, String numerator, String denominator,
                      Map<String, String> denominatorAt, double scale, int decimals) implements Relation {
    public List<String> measures() {
      return List.of(indicator + "." + measure, indicator + "." + numerator, indicator + "." + denominator);
    }
  }

  /**
   * {@code part <= whole} at the same coordinates, the difference a count of persons nobody publishes (scam-related
   * cases among all cases, resident permit holders among permit holders). A reader who subtracts learns it, so it
   * is protected like a count. {@code partAt} / {@code wholeAt}: coordinates fixed on one side (a scope value).
   */
  public record Subset(String id, String indicator, String part, Map<String, String> partAt, String whole,
                       Map<String, String> wholeAt) implements Relation {
    public List<String> measures() {
      return List.of(indicator + "." + part, indicator + "." + whole);
    }
  }

  /** How the period of one side of a {@link SameQuantity} maps to the other's. */
  public enum PeriodMap {
    /** The same reference date or period. */
    SAME,
    /** A stock-dated figure on date d is the flow from the first of d's month to d. */
    MONTH_TO_DATE
  }

  /**
   * The same number published twice: {@code indicatorA.measureA} at {@code atA} (its other coordinates equal to B's)
   * equals {@code indicatorB.measureB} at {@code atB}.
   */
  public record SameQuantity(String id, String indicatorA, String measureA, Map<String, String> atA,
                             String indicatorB, String measureB, Map<String, String> atB, PeriodMap period)
      implements Relation {
    public List<String> measures() {
      return List.of(indicatorA + "." + measureA, indicatorB + "." + measureB);
    }
  }

  /**
   * Two measures (or two populations, as {@code population:name}) a reader cannot combine into a count of anything:
   * different units or populations that overlap in no exact way. The reason says why.
   */
  public record Independent(String id, String a, String b, String reason) implements Relation {
    public List<String> measures() {
      return List.of(a, b);
    }
  }

  // ---- declarations --------------------------------------------------------------------------------

  private static final Map<String, Declaration> BY_ID = new LinkedHashMap<>();

  private static Measure count(String ind, String name, String en, String id, String unit, String gold, String column,
                               String population, boolean timeAdditive) {
    return new Measure(ind, name, Text.of(en, id), unit, MeasureKind.COUNT, gold, column, population, timeAdditive);
  }

  private static Measure derived(String ind, String name, String en, String id, String unit, MeasureKind kind,
                                 String gold, String column) {
    return new Measure(ind, name, Text.of(en, id), unit, kind, gold, column, null, false);
  }

  private static void declare(String id, Map<String, Additivity> dims, Measure... measures) {
    declare(id, dims, List.of(), measures);
  }

  private static void declare(String id, Map<String, Additivity> dims, List<Split> splits, Measure... measures) {
    Indicator ind = IndicatorCatalog.find(id).orElseThrow(() -> new IllegalStateException("no indicator " + id));
    if (!List.copyOf(dims.keySet()).equals(ind.dimensions())) {
      throw new IllegalStateException(id + ": declared dimensions " + dims.keySet() + " differ from " + ind.dimensions());
    }
    List<String> names = List.of(measures).stream().map(Measure::name).toList();
    if (!names.equals(ind.measures())) {
      throw new IllegalStateException(id + ": declared measures " + names + " differ from " + ind.measures());
    }
    BY_ID.put(id, new Declaration(ind, ind.family(), dims, List.of(measures), splits));
  }

  private static Map<String, Additivity> dims(Object... pairs) {
    Map<String, Additivity> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Additivity) pairs[i + 1]);
    }
    return m;
  }

  private static final Additivity SUM = Additivity.SUM;

  /**
   * Issue 15: Eurostat's "5 years or more" class of valid permits, nested in "12 months or more" (gold's
   * {@code long_term_persons}, counted in the 12m+ rows only): 12m+ = 12-59m + 5y_plus, and _T = 3-5m + 6-11m + 12m+.
   */
  public static final Split VALIDITY_5Y = new Split("validity_class", "12m+", "12-59m", "5y_plus",
      "long_term_persons");

  static {
    String persons = "persons";
    declare("residents_by_citizenship", dims("citizenship", SUM),
        count("residents_by_citizenship", persons, "Residents", "Penduduk", persons, "gold.residents_stock", "persons",
            "residents", false));
    declare("residents_by_province", dims("citizenship", SUM, "province", SUM),
        count("residents_by_province", persons, "Residents", "Penduduk", persons, "gold.residents_stock", "persons",
            "residents", false));
    declare("residents_by_sex_age", dims("citizenship", SUM, "sex", SUM, "age_group", SUM),
        count("residents_by_sex_age", persons, "Residents", "Penduduk", persons, "gold.residents_stock", "persons",
            "residents", false));
    declare("permit_holders_by_sector", dims("citizenship", SUM, "sector", SUM),
        count("permit_holders_by_sector", persons, "Permit holders", "Pemegang izin", persons,
            "gold.permit_holders_stock", "persons", "permit_holders", false));
    declare("permit_holders_by_validity", dims("citizenship", SUM, "validity_class", SUM),
        count("permit_holders_by_validity", persons, "Permit holders", "Pemegang izin", persons,
            "gold.permit_holders_stock", "persons", "permit_holders", false));
    declare("permit_coverage", dims("citizenship", SUM),
        count("permit_coverage", "residents", "Residents", "Penduduk", persons, "gold.permit_coverage", "residents",
            "residents", false),
        count("permit_coverage", "permit_holders", "Permit holders", "Pemegang izin", persons, "gold.permit_coverage",
            "permit_holders", "permit_holders", false),
        count("permit_coverage", "permit_holders_resident", "Residents holding a permit", "Penduduk pemegang izin",
            persons, "gold.permit_coverage", "permit_holders_resident", "resident_permit_holders", false),
        derived("permit_coverage", "coverage_pct", "Coverage (%)", "Cakupan (%)", "percent", MeasureKind.PERCENT,
            "gold.permit_coverage", "coverage_pct"),
        count("permit_coverage", "documentation_gap", "Residents without a permit", "Penduduk tanpa izin", persons,
            "gold.permit_coverage", "documentation_gap", "residents_without_permit", false));
    declare("first_permits", dims("citizenship", SUM, "reason", SUM, "validity_class", SUM),
        count("first_permits", persons, "First permits", "Izin pertama", persons, "gold.first_permits", "persons",
            "first_permits", false));
    // Issue 15's residence breakdowns: the same population as the residence tables (their citizenship margins are
    // the residents and holders published above), so the suppressor shares those margins.
    declare("usual_residents", dims("citizenship", SUM, "residence_duration", SUM),
        count("usual_residents", persons, "Residents", "Penduduk", persons, "gold.residents_by_stay", "persons",
            "residents", false));
    declare("residents_by_stay", dims("citizenship", SUM, "stay_category", SUM, "residence_duration", SUM),
        count("residents_by_stay", persons, "Residents", "Penduduk", persons, "gold.residents_by_stay", "persons",
            "residents", false));
    declare("residents_by_country_of_birth", dims("citizenship", SUM, "country_of_birth", SUM),
        count("residents_by_country_of_birth", persons, "Residents", "Penduduk", persons, "gold.residents_by_stay",
            "persons", "residents", false));
    declare("permit_holders_by_reason", dims("citizenship", SUM, "reason", SUM, "validity_class", SUM),
        List.of(VALIDITY_5Y),
        count("permit_holders_by_reason", persons, "Permit holders", "Pemegang izin", persons,
            "gold.permit_holders_profile", "persons", "permit_holders", false));
    declare("permit_holders_by_sex_age", dims("citizenship", SUM, "sex", SUM, "age_group", SUM),
        count("permit_holders_by_sex_age", persons, "Permit holders", "Pemegang izin", persons,
            "gold.permit_holders_profile", "persons", "permit_holders", false));
    declare("cases_by_month", dims("citizenship", SUM, "case_type", SUM),
        count("cases_by_month", "cases", "Cases", "Kasus", "cases", "gold.cases_by_month", "cases", "cases", true),
        count("cases_by_month", "scam_related_cases", "Scam-related cases", "Kasus terkait penipuan daring", "cases",
            "gold.cases_by_month", "scam_related_cases", "scam_related_cases", true),
        derived("cases_by_month", "scam_related_share_pct", "Scam-related share (%)", "Persentase terkait penipuan (%)",
            "percent", MeasureKind.PERCENT, "gold.cases_by_month", "scam_related_cases"));
    declare("cases_by_sex_age", dims("citizenship", SUM, "sex", SUM, "victim_age_group", SUM),
        count("cases_by_sex_age", "cases", "Cases", "Kasus", "cases", "gold.cases_by_month", "cases", "cases", true));
    declare("cases_by_status", dims("citizenship", SUM, "trafficking_status", SUM),
        count("cases_by_status", "cases", "Cases", "Kasus", "cases", "gold.cases_by_month", "cases", "cases", true));
    declare("case_profile", dims("attribute", Additivity.NONE, "category", Additivity.MULTI_VALUED),
        count("case_profile", persons, "Persons", "Orang", persons, "gold.case_profile", "persons",
            "profiled_persons", false),
        derived("case_profile", "share_pct", "Share of persons with the characteristic recorded (%)",
            "Persentase dari orang dengan karakteristik tercatat (%)", "percent", MeasureKind.PERCENT,
            "gold.case_profile", "share_pct"));
    declare("case_outcomes", dims("scope", Additivity.NONE, "stage", Additivity.NONE),
        count("case_outcomes", persons, "Persons", "Orang", persons, "gold.case_outcomes", "persons_reported",
            "cohort_persons", false),
        derived("case_outcomes", "median_days", "Median days", "Median hari", "days", MeasureKind.MEDIAN,
            "gold.case_outcomes", "median_days_reported_to_identified"));
    declare("border_crossings", dims("citizenship", SUM),
        count("border_crossings", "entries", "Entries", "Kedatangan", "events", "gold.border_flows", "entries",
            "border_entries", true),
        count("border_crossings", "exits", "Exits", "Keberangkatan", "events", "gold.border_flows", "exits",
            "border_exits", true));
    declare("source_comparison", dims("citizenship", Additivity.NONE, "source", Additivity.NONE),
        count("source_comparison", "value", "Figure of the source", "Angka sumber", "by source",
            "gold.source_comparison", "value", "source_figures", false));
    declare("glotip_context", dims("country", Additivity.NONE, "sex", Additivity.NONE),
        derived("glotip_context", "detected_victims", "Detected victims (UNODC)", "Korban terdeteksi (UNODC)", persons,
            MeasureKind.CONTEXT, "gold.glotip_context", "value"),
        derived("glotip_context", "persons_prosecuted", "Persons prosecuted (UNODC)", "Orang dituntut (UNODC)", persons,
            MeasureKind.CONTEXT, "gold.glotip_context", "value"),
        derived("glotip_context", "persons_convicted", "Persons convicted (UNODC)", "Orang diputus bersalah (UNODC)",
            persons, MeasureKind.CONTEXT, "gold.glotip_context", "value"));
  }

  /** Every declared relation. */
  public static final List<Relation> RELATIONS = List.of(
      new Identity("coverage_identity", "permit_coverage", "residents",
          List.of("permit_holders_resident", "documentation_gap")),
      new Share("coverage_pct", "permit_coverage", "coverage_pct", "permit_holders_resident", "residents", Map.of(),
          100.0, 2),
      new Subset("resident_permit_holders", "permit_coverage", "permit_holders_resident", Map.of(), "permit_holders",
          Map.of()),
      new Subset("scam_related_cases", "cases_by_month", "scam_related_cases", Map.of(), "cases", Map.of()),
      new Share("scam_related_share", "cases_by_month", "scam_related_share_pct", "scam_related_cases", "cases",
          Map.of(), 100.0, 2),
      new Share("profile_share", "case_profile", "share_pct", "persons", "persons", Map.of("category", "_T"), 100.0, 2),
      new Subset("scam_related_cohort", "case_outcomes", "persons", Map.of("scope", "scam_related"), "persons",
          Map.of("scope", "all")),
      new Independent("outcome_medians", "case_outcomes.median_days", "case_outcomes.persons",
          "a median of days says nothing about how many persons it is over; it is hidden [c] when its count is under 10 "
              + "or hidden"),
      new SameQuantity("comparison_residents", "source_comparison", "value", Map.of("source", "host_registry_residents"),
          "residents_by_citizenship", "persons", Map.of(), PeriodMap.SAME),
      new SameQuantity("comparison_permit_holders", "source_comparison", "value", Map.of("source", "work_permit_holders"),
          "permit_coverage", "permit_holders", Map.of(), PeriodMap.SAME),
      new SameQuantity("comparison_cases", "source_comparison", "value", Map.of("source", "protection_cases"),
          "cases_by_month", "cases", Map.of("case_type", "_T"), PeriodMap.MONTH_TO_DATE),
      new Independent("comparison_border", "source_comparison.value", "border_crossings.entries",
          "border net entries are entries minus exits since 2022, a signed sum of published monthly totals: published "
              + "only where every month it sums is (not modelled in the linear programs)"),
      new Independent("entries_exits", "border_crossings.entries", "border_crossings.exits",
          "entries and exits are different events; their difference is a net flow, not a count of persons"),
      new Independent("context", "population:context", "population:*",
          "UNODC figures are already public and count other things (detected victims nationwide, prosecutions)"),
      new Independent("residence_vs_flows", "population:residents", "population:first_permits",
          "a stock on a date and the first permits of a month: the difference of two stocks is not the month's flow"),
      new Independent("permits_vs_first", "population:permit_holders", "population:first_permits",
          "a stock on a date and the first permits of a month: permits also end, are renewed and are not first"),
      new Independent("cases_vs_persons", "population:cases", "population:profiled_persons",
          "cases (a person may have several) and distinct persons with consent to data use: no exact relation"),
      new Independent("cases_vs_cohort", "population:cases", "population:cohort_persons",
          "cases and distinct persons of the cohort: no exact relation"),
      new Independent("profile_vs_cohort", "population:profiled_persons", "population:cohort_persons",
          "the profile counts persons with consent to data use; the cohort every person: no exact relation"),
      new Independent("border_vs_cases", "population:border_entries", "population:cases",
          "crossings are events of every traveller, cases are protection cases: no relation"),
      new Independent("first_permits_vs_border", "population:first_permits", "population:border_entries",
          "first permits are persons, crossings are events of every traveller: no relation"),
      new Independent("first_permits_vs_border_exits", "population:first_permits", "population:border_exits",
          "first permits are persons, crossings are events of every traveller: no relation"),
      new Independent("border_exits_vs_cases", "population:border_exits", "population:cases",
          "crossings are events of every traveller, cases are protection cases: no relation"));

  /** Declarations in catalogue order. */
  public static List<Declaration> declarations() {
    return List.copyOf(BY_ID.values());
  }

  public static Optional<Declaration> find(String indicator) {
    return Optional.ofNullable(BY_ID.get(indicator));
  }

  public static Declaration of(String indicator) {
    return find(indicator).orElseThrow(() -> new IllegalArgumentException("no declaration for " + indicator));
  }

  /** The relations of a type. */
  public static <T extends Relation> List<T> relations(Class<T> type) {
    return RELATIONS.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
