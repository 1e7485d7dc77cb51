package org.migstat.cli;

import java.util.concurrent.Callable;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = {"List the published indicators (English and Bahasa Indonesia), or show one in full.",
        "--json prints the whole catalogue as exported with every release."})
public final class CatalogCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", arity = "0..1", description = "An indicator id, e.g. permit_coverage.")
  String id;

  @Option(names = "--json", description = "Print the catalogue as JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (json) {
      System.out.println(IndicatorCatalog.toJson());
      return 0;
    }
    if (id == null) {
      System.out.printf("%-28s %-7s %-10s %s%n", "id", "kind", "family", "title (en / id)");
      for (Indicator i : IndicatorCatalog.INDICATORS) {
        System.out.printf("%-28s %-7s %-10s %s / %s%n", i.id(), i.kind(), i.family(), i.title().en(), i.title().id());
      }
      return 0;
    }
    Indicator i = IndicatorCatalog.find(id).orElseThrow(() ->
        new IllegalArgumentException("no indicator " + id + "; `migstat catalog` lists them"));
    System.out.println(i.id() + "  (" + i.kind() + ", definition " + i.definitionVersion() + ")");
    both("Title", i.title());
    both("Description", i.description());
    System.out.println("Unit:        " + i.unit());
    System.out.println("Grain:       one row per " + i.grain() + " (totals _T included)");
    System.out.println("Breakdowns:  " + String.join(", ", i.dimensions()));
    System.out.println("Measures:    " + String.join(", ", i.measures()));
    System.out.println("Disclosure:  family " + i.family());
    System.out.println("Sources:     " + String.join(", ", i.sourceTables()));
    System.out.println("Published:   " + i.publishTable());
    i.caveats().forEach(c -> both("Caveat", c));
    return 0;
  }

  private static void both(String label, Text t) {
    System.out.printf("%-12s %s%n%-12s %s%n", label + ":", t.en(), "", t.id());
  }
}
