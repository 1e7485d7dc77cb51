package org.migstat.publish;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.disclosure.AuditEntry;
import org.migstat.indicators.Definitions;

/** The rows, audit entries and per-table figures of one release, as the publish step produces them. */
final class ReleaseSink {
  /** A row with what the publish step did to its cell. */
  record Placed(PublishedRow row, Disposition disposition) {}

  final ReleasePlan plan;
  final List<AuditEntry> audit = new ArrayList<>();
  /**
   * The cells the public releases already out published (read back from publish.*): fixed, known values in this
   * release's disclosure problem, so that no difference with them gives away a small count.
   */
  List<org.migstat.disclosure.PublishedCell> earlier = List.of();
  private final Map<String, List<PublishedRow>> rows = new LinkedHashMap<>();
  private final Map<String, EnumMap<Disposition, Long>> figures = new java.util.TreeMap<>();
  private final Map<PublishedRow.Key, Placed> index = new HashMap<>();

  ReleaseSink(ReleasePlan plan) {
    this.plan = plan;
    IndicatorCatalog.INDICATORS.forEach(i -> rows.put(i.id(), new ArrayList<>()));
  }

  /** The id the disclosure engine's releases and audit rows carry: the release, then what part of it. */
  String tag() {
    return plan.releaseId();
  }

  boolean shows(LocalDate start, LocalDate end) {
    return plan.shows(start, end);
  }

  void add(Indicator ind, String code, LocalDate start, LocalDate end, Map<String, String> dims, String measure,
           Double value, String flag, Disposition disposition) {
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String d : ind.dimensions()) {
      ordered.put(d, dims.get(d));
    }
    PublishedRow row = new PublishedRow(ind.id(), code, start, end, ordered, measure, value, flag,
        Definitions.VERSION, plan.runId(), plan.releaseId(), plan.referenceDate());
    if (index.put(row.key(), new Placed(row, disposition)) != null) {
      throw new IllegalStateException("publish: two rows for " + row.key());
    }
    rows.get(ind.id()).add(row);
    String table = Publication.tableId(ind, measure);
    figures.computeIfAbsent(table, k -> new EnumMap<>(Disposition.class)).merge(disposition, 1L, Long::sum);
  }

  Optional<Placed> lookup(String indicator, String code, List<String> coords, String measure) {
    return Optional.ofNullable(index.get(new PublishedRow.Key(indicator, code, coords, measure)));
  }

  Map<String, List<PublishedRow>> rows() {
    return rows;
  }

  Map<String, EnumMap<Disposition, Long>> figures() {
    return figures;
  }
}
