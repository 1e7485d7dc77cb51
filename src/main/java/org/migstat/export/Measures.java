package org.migstat.export;

import java.util.Optional;
import org.migstat.catalog.RelationCatalog;
import org.migstat.catalog.Text;

/**
 * Labels, units and number formats of published measures, read from the one declaration of each indicator
 * ({@link RelationCatalog}: a measure's bilingual label, unit and kind). Nothing here is keyed by a measure's name
 * alone: {@code persons} are residents in one table and permit holders in another. Formats: {@code pct} (a percent,
 * one decimal on the page) and {@code count}. A measure the catalogue does not declare cannot be exported
 * ({@link #of} throws); MeasureDeclarationsTest checks every published measure is declared.
 */
public final class Measures {
  private Measures() {}

  /** The declared measure, if the catalogue declares it. */
  public static Optional<RelationCatalog.Measure> find(String indicator, String measure) {
    return RelationCatalog.find(indicator).flatMap(d -> d.measures().stream()
        .filter(m -> m.name().equals(measure)).findFirst());
  }

  /** The declared measure; an undeclared one is an error (adding a measure is one declaration, in the catalogue). */
  public static RelationCatalog.Measure of(String indicator, String measure) {
    return find(indicator, measure).orElseThrow(() -> new IllegalStateException(
        "publish." + indicator + " has a measure the catalogue does not declare: " + measure));
  }

  public static Text label(String indicator, String measure) {
    return of(indicator, measure).label();
  }

  /** The declared unit: persons, cases, events, percent, days, ... */
  public static String unit(String indicator, String measure) {
    return of(indicator, measure).unit();
  }

  /** pct (a share or rate of two counts) or count. */
  public static String format(String indicator, String measure) {
    RelationCatalog.Measure m = of(indicator, measure);
    return m.kind() == RelationCatalog.MeasureKind.PERCENT || "percent".equals(m.unit()) ? "pct" : "count";
  }
}
