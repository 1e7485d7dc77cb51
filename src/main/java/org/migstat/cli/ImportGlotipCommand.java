package org.migstat.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.migstat.catalog.Tables;
import org.migstat.indicators.Context;
import org.migstat.indicators.Definitions;
import org.migstat.ingest.ExtractFile;
import org.migstat.ingest.IngestException;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.ops.Conservation;
import org.migstat.ops.IngestLedger;
import org.migstat.ops.RunLedger;
import org.migstat.pipeline.GlotipImport;
import org.migstat.pipeline.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "import-glotip", mixinStandardHelpOptions = true,
    description = {"Import a UNODC GLOTIP export (xlsx, as published by dataUNODC) into silver.glotip and gold.glotip_context.",
        "`run` does the same for any .xlsx in <input>/glotip/. A file already imported (same bytes) is skipped."})
public final class ImportGlotipCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(paramLabel = "FILE", description = "The GLOTIP workbook, e.g. data-samples/glotip/unodc_glotip_data_glotip.xlsx")
  Path file;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new IngestException("no such file: " + file);
    }
    SparkSession spark = Spark.start("import-glotip", common.verbose);
    try {
      Lakehouse lh = new Lakehouse(spark, common.lakehouseRoot()).ensure(Tables.ALL);
      Progress progress = new Progress(System.out);
      String runId = "import-glotip-" + Instant.now().toEpochMilli();
      Instant started = Instant.now();
      Map<String, Long> before = lh.versions(Tables.ALL);
      IngestLedger ledger = IngestLedger.load(lh);
      ExtractFile unseen = GlotipImport.unseen(file.toAbsolutePath(), ledger, runId);
      if (unseen == null) {
        ledger.commit(lh);
        progress.say("done", "%s was already imported (same bytes); nothing changed", file.getFileName());
        return 0;
      }
      Conservation c = GlotipImport.importFile(lh, unseen, ledger, runId, progress);
      String release = ledger.lastExtract(List.of(GlotipImport.SOURCE)).toString();
      Lakehouse.conformTo(Context.glotipContext(lh.read(Tables.SILVER_GLOTIP), Context.GLOTIP_COUNTRIES, release)
              .withColumn("definition_version", org.apache.spark.sql.functions.lit(Definitions.VERSION))
              .withColumn("run_id", org.apache.spark.sql.functions.lit(runId)), Tables.GLOTIP_CONTEXT)
          .write().format("delta").mode("overwrite").save(lh.path(Tables.GLOTIP_CONTEXT));
      ledger.commit(lh);
      RunLedger.append(lh, new RunLedger.RunRecord(runId, "migstat import-glotip " + file.getFileName(), null, started,
          Instant.now(), "succeeded", null, 1, 0, List.of(c), before, lh.versions(Tables.ALL),
          Map.of(Tables.SILVER_GLOTIP.qualifiedName(), c.accepted())));
      System.out.println();
      System.out.println("Rows read " + String.format("%,d", c.rowsRead()) + " = accepted " + String.format("%,d", c.accepted())
          + " + quarantined " + String.format("%,d", c.quarantined()) + " (reasons: bin/migstat sql \"SELECT explode(failed_rules) r, count(*) "
          + "FROM ops.quarantine WHERE source = 'glotip' GROUP BY r\")");
      return 0;
    } finally {
      spark.stop();
    }
  }
}
