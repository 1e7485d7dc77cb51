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
      description = "Reference date (yyyy-MM-dd) of the release (or of an internal view); default: the latest public "
          + "release. A date with no release is refused, naming the nearest releases.")
  LocalDate asOf;

  @Option(names = "--release", paramLabel = "ID",
      description = "Export an earlier release by id (see ops.releases), byte for byte as it was first exported.")
  String release;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
      description = "Output folder; its data/ and dashboard/ sub-folders are replaced (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    SparkSession spark = Spark.start("export", common.verbose);
    try {
      if (release != null && asOf != null) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "give --release or --as-of, not both");
      }
      ExportJob.Selection selection = release != null ? ExportJob.Selection.release(release)
          : ExportJob.Selection.asOf(asOf);
      ExportResult r = ExportJob.exportRelease(spark, common.lakehouseRoot(), selection, out.toAbsolutePath().normalize());
      System.out.print(r.summary());
      System.out.println("Open " + r.dashboard().toUri() + " in a browser (works offline).");
      return 0;
    } finally {
      spark.stop();
    }
  }
}
