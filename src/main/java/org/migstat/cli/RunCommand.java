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
        "Files already ingested (same bytes, any name) are skipped; a second run with nothing new commits nothing.",
        "A file that cannot be read (truncated gzip, not gzip) is rejected and one whose extract date is in the future "
            + "or long after its records is held back: each is listed with its reason in ops.ingested_files, and the "
            + "other files and sources go ahead."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:completed: every new file was ingested",
        "1:failed: nothing was published (the one-sentence reason is printed and stored in ops.runs)",
        "2:the command line is wrong",
        "3:completed with rejected files: the run published, but some files were rejected or held back"})
public final class RunCommand implements Callable<Integer> {
  /** Exit code of a run that completed but rejected or held back some files: a scheduler can alert on it. */
  public static final int COMPLETED_WITH_REJECTED_FILES = 3;

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
    // An ad-hoc --as-of that is not a release-calendar date gets an internal view (never a public release).
    RunConfig cfg = new RunConfig(asOf, inputRoot, common.lakehouseRoot(), rebuild, keyFile,
        "migstat run" + (asOf == null ? "" : " --as-of " + asOf) + (rebuild ? " --rebuild" : ""), sameReason,
        asOf != null);
    SparkSession spark = Spark.start("run", common.verbose);
    Spark.sizeForTheRun(spark, inputRoot, common.lakehouseRoot());
    try (ProgressTicker ticker = ProgressTicker.start(System.out, spark)) {
      // A line at least every 10 s, also while one long stage (gold, publish) says nothing itself.
      Progress progress = new Progress(ticker.out());
      RunJob job = new RunJob(spark, cfg, progress);
      RunJob.Result r = job.run();
      print(System.out, r, common.lakehouseRoot());
      printNotIngested(System.out, job.notIngested());
      var selection = org.migstat.export.ExportJob.Selection.asOfOrLatest(r.asOf());
      // A run that committed nothing exports again only when the folder does not hold this release completely (an
      // earlier export killed half-way, or another release's files).
      if (!noExport && (r.committed()
          || !org.migstat.export.ExportJob.isCurrent(spark, common.lakehouseRoot(), selection, out))) {
        // Named as it starts: the export says nothing until its files are written (~20 s on the samples).
        progress.say("export", "the dashboard and data files of %s into %s", r.asOf(), out.toAbsolutePath());
        var exported = org.migstat.export.ExportJob.exportRelease(spark, common.lakehouseRoot(), selection, out);
        System.out.println("Dashboard: " + exported.dashboard().toAbsolutePath()
            + "  (open it in a browser, offline)");
        System.out.println("Data files: " + out.resolve("data").toAbsolutePath());
        System.out.println(exported.summary());
      }
      return job.notIngested().isEmpty() ? 0 : COMPLETED_WITH_REJECTED_FILES;
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

  /** The files the run did not ingest, one line each with its reason. */
  static void printNotIngested(PrintStream out, java.util.List<org.migstat.ingest.ExtractFile> files) {
    if (files.isEmpty()) {
      return;
    }
    out.println();
    out.printf("Completed with rejected files: %d file(s) not ingested (see ops.ingested_files; exit code %d)%n",
        files.size(), COMPLETED_WITH_REJECTED_FILES);
    files.forEach(f -> out.println("  " + f.source() + ": " + f.rejected()));
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
