package org.migstat.pipeline;

import static org.apache.spark.sql.functions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.migstat.catalog.Tables;
import org.migstat.conform.GlotipConform;
import org.migstat.ingest.ExtractFile;
import org.migstat.ingest.IngestException;
import org.migstat.ingest.glotip.GlotipWorkbook;
import org.migstat.ingest.glotip.GlotipWorkbookReader;
import org.migstat.lakehouse.Lakehouse;
import org.migstat.ops.Conservation;
import org.migstat.ops.IngestLedger;
import org.migstat.quality.Rules;

/**
 * Imports a UNODC GLOTIP workbook as published: once per file content (ledger by checksum), into
 * silver.glotip (replaced whole: each file is a full release) with the quarantine and conservation
 * guarantees of the other sources. The workbook is read on the driver: it is one small file.
 */
public final class GlotipImport {
  public static final String SOURCE = "glotip";
  static final List<String> RAW_COLUMNS = List.of("iso3_code", "country", "region", "subregion", "indicator",
      "dimension", "category", "sex", "age", "year", "unit", "txt_value", "source");

  private GlotipImport() {}

  /** The workbooks in {@code <input>/glotip/}, newest name last. Local input folders only. */
  public static List<Path> list(String input) {
    Path dir = Path.of(input.replaceFirst("^file:(//)?", "")).resolve(SOURCE);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".xlsx")).sorted().toList();
    } catch (IOException e) {
      throw new IngestException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (Exception e) {
      throw new IngestException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A file the ledger has not seen, or null when its bytes were imported before (recorded as re-sent). */
  public static ExtractFile unseen(Path file, IngestLedger ledger, String runId) throws IOException {
    ExtractFile f = new ExtractFile(SOURCE, file.toAbsolutePath().toString(), file.getFileName().toString(),
        Files.size(file), Files.getLastModifiedTime(file).toMillis(), null, null, "UTF-8", false);
    if (ledger.seen(f)) {
      return null;
    }
    f = f.sniffed(sha256(file), "UTF-8", Files.size(file) == 0);
    String original = ledger.ingestedAs(f.checksum());
    if (original != null) {
      ledger.recordResent(withDate(f, GlotipWorkbookReader.stream(file, row -> { }).releaseDate()), original, runId);
      return null;
    }
    return f;
  }

  private static ExtractFile withDate(ExtractFile f, java.time.LocalDate d) {
    return new ExtractFile(f.source(), f.path(), f.name(), f.size(), f.mtime(), d, f.checksum(), f.encoding(), f.empty());
  }

  /** Reads, conforms and writes one release; returns its conservation figures and the release date. */
  public static Conservation importFile(Lakehouse lh, ExtractFile file, IngestLedger ledger, String runId,
                                        Progress progress) {
    GlotipWorkbook wb;
    try {
      wb = GlotipWorkbookReader.read(Path.of(file.path()));
    } catch (IOException e) {
      throw new IngestException("cannot read the GLOTIP workbook " + file.name() + ": " + e.getMessage(), e);
    }
    Dataset<Row> raw = lh.spark().createDataFrame(wb.sparkRows(), StructType.fromDDL(GlotipWorkbookReader.DDL));
    Dataset<Row> parsed = GlotipConform.parse(raw).cache();
    try {
      long read = wb.rows().size();
      long accepted = GlotipConform.accepted(parsed).count();
      long quarantined = GlotipConform.quarantined(parsed).count();
      Conservation c = new Conservation(SOURCE, read, accepted, quarantined, 0);
      progress.say("silver", "%s", c);
      if (!c.balanced()) {
        throw new IllegalStateException("conservation check failed for " + file.name() + ": " + c);
      }
      Column names = array(RAW_COLUMNS.stream().map(n -> lit(n)).toArray(Column[]::new));
      Column values = array(RAW_COLUMNS.stream().map(n -> col(n)).toArray(Column[]::new));
      Dataset<Row> quarantine = GlotipConform.quarantined(parsed).select(
          lit(SOURCE).as("source"), col(Rules.FAILURES).as("failed_rules"), map_from_arrays(names, values).as("raw_values"),
          lit(null).cast("string").as("raw_record"), lit(file.name()).as("source_file"), col("source_row").as("source_line"),
          lit(file.checksum()).as("file_checksum"), lit(java.sql.Date.valueOf(wb.releaseDate())).as("extract_date"),
          lit(runId).as("run_id"));
      quarantine.write().format("delta").mode("overwrite").option("replaceWhere", "source = '" + SOURCE + "'")
          .save(lh.path(Tables.QUARANTINE));
      Lakehouse.conformTo(GlotipConform.accepted(parsed), Tables.SILVER_GLOTIP)
          .write().format("delta").mode("overwrite").save(lh.path(Tables.SILVER_GLOTIP));
      ledger.recordIngested(withDate(file, wb.releaseDate()), read, runId);
      return c;
    } finally {
      parsed.unpersist();
    }
  }

  public static List<ExtractFile> unseenFiles(String input, IngestLedger ledger, String runId) {
    List<ExtractFile> out = new ArrayList<>();
    for (Path p : list(input)) {
      try {
        ExtractFile f = unseen(p, ledger, runId);
        if (f != null) {
          out.add(f);
        }
      } catch (IOException e) {
        throw new IngestException("cannot read " + p + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
