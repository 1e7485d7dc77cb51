package org.migstat.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.migstat.export.ExportJob;
import org.migstat.export.ExportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {
        "Export a release from the publish layer: an offline dashboard (dashboard/index.html, one file, no network)",
        "and report files (data/: CSV and SDMX-CSV per table, one XLSX workbook, catalog.json, manifest.json).",
        "Reads only publish.* tables, ops.runs (build stamp) and the indicator catalogue."})
public final class ExportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--as-of", paramLabel = "DATE",
      description = "Reference date (yyyy-MM-dd) of the release; default: the as-of date of the last succeeded run.")
  LocalDate asOf;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
      description = "Output folder; its data/ and dashboard/ sub-folders are replaced (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    SparkSession spark = Spark.start("export", common.verbose);
    try {
      ExportResult r = ExportJob.export(spark, common.lakehouseRoot(), asOf, out.toAbsolutePath().normalize());
      System.out.print(r.summary());
      System.out.println("Open " + r.dashboard().toUri() + " in a browser (works offline).");
      return 0;
    } finally {
      spark.stop();
    }
  }
}
