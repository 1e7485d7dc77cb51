package org.migstat.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.publish.AuditJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Attack every published release as a reader could: for every suppressed cell and every difference",
        "of cells (nested periods, vintages), bound it by linear programming over all published cells and every",
        "relation the catalogue declares. Exit code 2 on any finding, printed with the cell and its interval."})
public final class AuditCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    SparkSession spark = Spark.start("audit", common.verbose);
    try {
      AuditJob.Result r = AuditJob.audit(new Lakehouse(spark, common.lakehouseRoot()));
      System.out.printf("%n%-46s %10s %10s %12s %12s%n", "published table.measure", "cells", "[c]", "audit:prim.",
          "audit:other");
      r.tables().forEach((t, f) -> {
        String base = t.substring(0, t.indexOf('.') < 0 ? t.length() : t.indexOf('.'));
        long[] a = r.auditRules().getOrDefault(t, r.auditRules().getOrDefault(base, new long[2]));
        System.out.printf("%-46s %,10d %,10d %,12d %,12d%n", t, f[0], f[1], a[0], a[1]);
      });
      System.out.printf("Audited %d releases (periods), %,d suppressed cells, in %.1f s: %d findings%n", r.periods(),
          r.suppressedCells(), r.seconds(), r.findings().size());
      r.findings().stream().limit(50).forEach(f -> System.out.println("  " + f));
      return r.findings().isEmpty() ? 0 : 2;
    } finally {
      spark.stop();
    }
  }
}
