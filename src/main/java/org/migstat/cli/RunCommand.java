package org.migstat.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.migstat.pipeline.Progress;
import org.migstat.pipeline.RunConfig;
import org.migstat.pipeline.RunJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
        "Ingest new extract files, rebuild what changed, and print the headline figures.",
        "Files already ingested (same bytes, any name) are skipped; a second run with nothing new commits nothing."})
public final class RunCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--as-of", paramLabel = "DATE",
      description = "Reference date (yyyy-MM-dd) for stocks; default: the newest extract date in the input.")
  LocalDate asOf;

  @Option(names = "--input", paramLabel = "DIR", defaultValue = "data-samples",
      description = "Folder of extracts with one sub-folder per source (default: ${DEFAULT-VALUE}).")
  String input;

  @Option(names = "--rebuild", description = "Recompute silver and gold from bronze even if nothing is new.")
  boolean rebuild;

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "Pseudonymisation key file (<version>:<secret>). MIGSTAT_PSEUDONYM_KEY or "
          + "MIGSTAT_PSEUDONYM_KEY_FILE take precedence; without any, the demo key beside the samples is used.")
  Path keyFile;

  @Option(names = "--first-permit-same-reason",
      description = "National variant: a permit after a gap counts as first only against earlier permits for the same reason.")
  boolean sameReason;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
      description = "Where the dashboard and data files go (default: ${DEFAULT-VALUE}); see `migstat export`.")
  Path out;

  @Option(names = "--no-export", description = "Stop after publishing; do not write the dashboard and data files.")
  boolean noExport;

  @Override
  public Integer call() {
    String inputRoot = input.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? input
        : Path.of(input).toAbsolutePath().normalize().toString();
    RunConfig cfg = new RunConfig(asOf, inputRoot, common.lakehouseRoot(), rebuild, keyFile,
        "migstat run" + (asOf == null ? "" : " --as-of " + asOf) + (rebuild ? " --rebuild" : ""), sameReason);
    SparkSession spark = Spark.start("run", common.verbose);
    try (ProgressTicker ticker = ProgressTicker.start(System.out, spark)) {
      // A line at least every 10 s, also while one long stage (gold, publish) says nothing itself.
      Progress progress = new Progress(ticker.out());
      RunJob.Result r = new RunJob(spark, cfg, progress).run();
      print(System.out, r, common.lakehouseRoot());
      if (!noExport && (r.committed() || !java.nio.file.Files.exists(out.resolve("dashboard/index.html")))) {
        var exported = org.migstat.export.ExportJob.export(spark, common.lakehouseRoot(), r.asOf(), out);
        System.out.println("Dashboard: " + out.resolve("dashboard/index.html").toAbsolutePath()
            + "  (open it in a browser, offline)");
        System.out.println("Data files: " + out.resolve("data").toAbsolutePath());
        System.out.println(exported.summary());
      }
      return 0;
    } finally {
      spark.stop();
    }
  }

  static void print(PrintStream out, RunJob.Result r, String lakehouse) {
    out.println();
    if (!r.conservation().isEmpty()) {
      out.println("Conservation (rows read = accepted + quarantined + duplicates):");
      r.conservation().forEach(c -> out.println("  " + c));
      out.println();
    }
    out.printf("Headline figures on %s (host resident registry and work-permit registry)%n", r.asOf());
    out.printf("  %-44s %14s %16s%n", "", "Indonesia", "all citizenships");
    row(out, "Residents (persons registered on the date)", r.indonesia(), r.total(), RunJob.Headline::residents);
    row(out, "Work-permit holders (persons, valid permit)", r.indonesia(), r.total(), RunJob.Headline::permitHolders);
    row(out, "  of whom registered residents", r.indonesia(), r.total(), RunJob.Headline::permitHoldersResident);
    out.printf("  %-44s %14s %16s%n", "Coverage (% of residents with a permit)",
        pct(r.indonesia()), pct(r.total()));
    row(out, "Documentation gap (residents without permit)", r.indonesia(), r.total(),
        RunJob.Headline::documentationGap);
    out.println();
    out.println("Tables: " + lakehouse + "  (bin/migstat tables; bin/migstat sql \"SELECT ...\")");
  }

  private static void row(PrintStream out, String label, RunJob.Headline idn, RunJob.Headline all,
                          java.util.function.ToLongFunction<RunJob.Headline> f) {
    out.printf("  %-44s %14s %16s%n", label, idn == null ? "-" : String.format("%,d", f.applyAsLong(idn)),
        all == null ? "-" : String.format("%,d", f.applyAsLong(all)));
  }

  private static String pct(RunJob.Headline h) {
    return h == null || h.coveragePct() == null ? "-" : String.format("%.2f %%", h.coveragePct());
  }
}
