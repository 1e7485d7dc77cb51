package org.migstat.ops;

import static org.apache.spark.sql.functions.*;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.migstat.catalog.Tables;
import org.migstat.ingest.ExtractFile;
import org.migstat.lakehouse.Lakehouse;

/** ops.ingested_files: which delivered files the lakehouse has seen, keyed by content checksum. */
public final class IngestLedger {
  public static final String INGESTED = "ingested";
  public static final String EMPTY = "empty";
  public static final String RESENT = "skipped_resent";
  /** A file that cannot be read at all (truncated gzip, not gzip, unreadable): recorded, not ingested. */
  public static final String REJECTED = "rejected";
  /** A file whose extract date cannot be trusted (after today, or long after its records): looked at again next run. */
  public static final String HELD_BACK = "held_back";

  private final Set<String> seenLocations = new HashSet<>();
  private final Set<String> rejectedLocations = new HashSet<>();
  private final Set<String> heldBackLocations = new HashSet<>();
  private final Map<String, String> nameByChecksum = new HashMap<>();
  private final List<Row> pending = new ArrayList<>();
  /** Per source: first and last extract date of the files ingested. */
  private final Map<String, LocalDate[]> spans = new HashMap<>();

  /** Loads the ledger (one small row per file) into the driver. */
  public static IngestLedger load(Lakehouse lh) {
    IngestLedger l = new IngestLedger();
    for (Row r : lh.read(Tables.INGESTED_FILES)
        .select("file_path", "file_size", "file_mtime", "file_checksum", "file_name", "status", "extract_date", "source")
        .collectAsList()) {
      String at = location(r.getString(0), r.getLong(1), r.getLong(2));
      if (HELD_BACK.equals(r.getString(5))) {
        l.heldBackLocations.add(at); // not seen: every run looks at it again
        continue;
      }
      l.seenLocations.add(at);
      if (REJECTED.equals(r.getString(5))) {
        l.rejectedLocations.add(at);
      }
      if (INGESTED.equals(r.getString(5))) {
        l.nameByChecksum.putIfAbsent(r.getString(3), r.getString(4));
        l.widen(r.getString(7), r.getDate(6).toLocalDate());
      }
    }
    return l;
  }

  private static String location(String path, long size, long mtime) {
    return path + "\u0000" + size + "\u0000" + mtime;
  }

  private void widen(String source, LocalDate d) {
    LocalDate[] span = spans.computeIfAbsent(source, k -> new LocalDate[] {d, d});
    span[0] = d.isBefore(span[0]) ? d : span[0];
    span[1] = d.isAfter(span[1]) ? d : span[1];
  }

  /** True when this exact file (path, size, modification time) was already seen: no need to re-hash it. */
  public boolean seen(ExtractFile f) {
    return seenLocations.contains(location(f.path(), f.size(), f.mtime()));
  }

  /** True when an earlier run rejected this exact file (it is not read again until it changes). */
  public boolean rejectedBefore(ExtractFile f) {
    return rejectedLocations.contains(location(f.path(), f.size(), f.mtime()));
  }

  /** Records a file that cannot be read at all, with its one-sentence reason. */
  public void recordRejected(ExtractFile f, String runId) {
    seenLocations.add(location(f.path(), f.size(), f.mtime()));
    rejectedLocations.add(location(f.path(), f.size(), f.mtime()));
    add(f, 0, REJECTED, null, runId);
  }

  /** Records a held-back file once (a later run that holds it back again adds no row). True when recorded now. */
  public boolean recordHeldBack(ExtractFile f, String runId) {
    if (!heldBackLocations.add(location(f.path(), f.size(), f.mtime()))) {
      return false;
    }
    add(f, 0, HELD_BACK, null, runId);
    return true;
  }

  /** The name under which these (non-empty) bytes were first ingested, or null when they are new. */
  public String ingestedAs(String checksum) {
    return nameByChecksum.get(checksum);
  }

  /** Records a file whose bytes were already delivered under another name: skipped, not read. */
  public void recordResent(ExtractFile f, String originalName, String runId) {
    add(f, 0, RESENT, originalName, runId);
  }

  /** Records a file this run read into bronze (or found empty). */
  public void recordIngested(ExtractFile f, long rowsRead, String runId) {
    if (!f.empty()) {
      // Empty files all share one checksum and carry nothing: never treat one as a re-send of another.
      nameByChecksum.putIfAbsent(f.checksum(), f.name());
    }
    widen(f.source(), f.extractDate());
    add(f, rowsRead, f.empty() ? EMPTY : INGESTED, null, runId);
  }

  private void add(ExtractFile f, long rowsRead, String status, String original, String runId) {
    pending.add(RowFactory.create(f.checksum(), f.source(), f.name(), f.path(), f.size(), f.mtime(), f.encoding(),
        f.extractDate() == null ? null : Date.valueOf(f.extractDate()), rowsRead, status, original, runId,
        Timestamp.from(Instant.now()), f.rejected()));
  }

  public boolean hasPending() {
    return !pending.isEmpty();
  }

  /** Appends this run's rows. Written last in a run: a file is in the ledger only once fully processed. */
  public void commit(Lakehouse lh) {
    if (pending.isEmpty()) {
      return;
    }
    lh.spark().createDataFrame(pending, Tables.INGESTED_FILES.schema())
        // mergeSchema: a lakehouse created before the reason column gets it with this append.
        .write().format("delta").mode("append").option("mergeSchema", "true").save(lh.path(Tables.INGESTED_FILES));
    pending.clear();
  }

  /** First extract date over the given sources, or null when none was ingested. */
  public LocalDate firstExtract(List<String> sources) {
    return sources.stream().map(spans::get).filter(java.util.Objects::nonNull).map(s -> s[0])
        .min(LocalDate::compareTo).orElse(null);
  }

  /** Last extract date over the given sources, or null when none was ingested. */
  public LocalDate lastExtract(List<String> sources) {
    return sources.stream().map(spans::get).filter(java.util.Objects::nonNull).map(s -> s[1])
        .max(LocalDate::compareTo).orElse(null);
  }
}
