package org.migstat.publish;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.migstat.catalog.RelationCatalog;
import org.migstat.catalog.RelationCatalog.Declaration;
import org.migstat.disclosure.Cell;
import org.migstat.disclosure.CellRef;
import org.migstat.disclosure.CellKey;
import org.migstat.disclosure.CellTable;
import org.migstat.disclosure.Disposition;
import org.migstat.disclosure.Flag;
import org.migstat.disclosure.PublishedCell;
import org.migstat.disclosure.Ratio;
import org.migstat.disclosure.Release;
import org.migstat.disclosure.Suppression;
import org.migstat.disclosure.Suppressor;

/**
 * One reference date's residence, permit and coverage tables protected as one linked problem: the tables and their
 * margins, and every relation the {@link RelationCatalog} declares between them (residents = resident permit holders
 * + documentation gap, coverage = 100 x resident permit holders / residents, resident permit holders among permit
 * holders, the same population in several tables), with the cells earlier releases published for the same date
 * fixed, and for flows the nested periods they published (a revision or a rest of the month of 1..4 persons is as
 * revealing as a cell of 1..4). Pure.
 */
public final class ResidenceRelease {
  private ResidenceRelease() {}

  /**
   * Suppresses the draft (tables with true counts, ids as the publish plan names them: indicator, or
   * indicator.measure) of the period {@code start..end}, published as of {@code referenceDate}, given the cells
   * earlier releases published (of any period: this one's, and for flows the periods with the same start, such as
   * the month to date an earlier release published within this month, are used). The result holds the draft's tables and
   * the declared shares, nothing of the earlier releases.
   */
  public static Suppression protect(Release draft, LocalDate start, LocalDate end, LocalDate referenceDate,
                                    List<PublishedCell> earlier) {
    HistoryAudit.Model model = new HistoryAudit.Model(draft.id());
    relevantVintages(earlier, draft.id(), start, end).forEach(model::add);
    for (CellTable t : draft.tables()) {
      String[] im = indicatorAndMeasure(t.id());
      for (Cell c : t.cells()) {
        CellKey key = new CellKey(im[0], im[1], start, end, c.coordinates());
        model.add(new PublishedCell(draft.id(), referenceDate, key, (double) c.value(), Disposition.PUBLISHED),
            c.value());
      }
    }
    model.relate();
    model.shareSpecs(draft.id());
    Release problem = model.build();
    Suppression s = Suppressor.suppress(problem);
    Release.Builder out = Release.builder(draft.id());
    for (CellTable t : s.published().tables()) {
      if (!problem.isFixed(t.id())) {
        out.table(t);
      }
    }
    for (Ratio r : problem.ratios()) {
      if (!problem.isFixed(r.spec().denominator().tableId())) {
        out.ratio(r.spec());
      }
    }
    return new Suppression(out.build(), s.audit(), s.unresolved());
  }

  /**
   * The earlier releases' cells a release of {@code start..end} is protected with: those of the same period, and
   * for flows those of a nested period (a month to date within its month); a period published again unchanged
   * counts once ({@link HistoryAudit#distinctVintages}).
   */
  public static List<PublishedCell> relevantVintages(List<PublishedCell> earlier, String current, LocalDate start,
                                              LocalDate end) {
    List<PublishedCell> period = new ArrayList<>();
    for (PublishedCell c : earlier) {
      if (!c.release().equals(current) && c.key().start().equals(start) && (c.key().end().equals(end)
          || !RelationCatalog.of(c.key().indicator()).stock())) {
        period.add(c);
      }
    }
    return HistoryAudit.distinctVintages(period);
  }

  /** {@code indicator} or {@code indicator.measure}, as the publish plan names a table. */
  static String[] indicatorAndMeasure(String tableId) {
    int dot = tableId.indexOf('.');
    String ind = dot < 0 ? tableId : tableId.substring(0, dot);
    Declaration d = RelationCatalog.of(ind);
    return new String[] {ind, dot < 0 ? d.measures().get(0).name() : tableId.substring(dot + 1)};
  }

  /**
   * The protected release as typed published cells (counts with their disposition, shares as published), as the
   * publish files carry them: what the next release's {@link #protect} and the history audit read.
   */
  public static List<PublishedCell> cells(Suppression s, LocalDate start, LocalDate end, LocalDate referenceDate) {
    Map<CellRef, String> rules = new HashMap<>();
    s.audit().forEach(a -> rules.put(CellRef.of(a.tableId(), a.coordinates()), a.rule()));
    List<PublishedCell> out = new ArrayList<>();
    String release = s.published().id();
    for (CellTable t : s.published().tables()) {
      String[] im = indicatorAndMeasure(t.id());
      for (Cell c : t.cells()) {
        Disposition d = Disposition.of(c, rules.get(c.ref()));
        Long v = t.publishedValue(c);
        out.add(new PublishedCell(release, referenceDate, new CellKey(im[0], im[1], start, end, c.coordinates()),
            d.shown() ? v.doubleValue() : null, d));
      }
    }
    for (Ratio r : s.published().ratios()) {
      String id = r.spec().id();
      String[] im = indicatorAndMeasure(id.substring(0, id.indexOf('|')));
      Disposition d = r.published() ? Disposition.PUBLISHED
          : r.flag() == Flag.CONFIDENTIAL ? Disposition.SECONDARY : Disposition.NOT_APPLICABLE;
      out.add(new PublishedCell(release, referenceDate,
          new CellKey(im[0], im[1], start, end, r.spec().denominator().coordinates()), d.shown() ? r.value() : null, d));
    }
    return out;
  }
}
