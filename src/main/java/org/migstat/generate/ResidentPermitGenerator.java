package org.migstat.generate;

import static org.migstat.generate.Span.HORIZON;
import static org.migstat.generate.Span.endOf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.migstat.generate.Population.Group;
import org.migstat.generate.ResidentRow.History;

/**
 * Writes the host resident registry (residents/) and the work-permit registry (permits/) in one
 * pass over the population: each person is derived alone from its own random stream, and each of
 * its record versions goes straight into the file of its month. Nothing is held but the open files.
 */
final class ResidentPermitGenerator {
  /** Share of rows written twice in a monthly file. */
  private static final double DUPLICATE_ROWS = 0.004;

  private final long seed;
  private final MonthlyExtracts residentDeltas;
  private final MonthlyExtracts permitFiles;
  private final ExtractFile initialFull;
  private final ExtractFile midFull;
  private long persons;
  private long records;
  private long permits;

  /** What this generator adds to the summary. */
  record Output(List<GenerationSummary.FileStats> files, long persons, long residentRecords, long permits) {}

  private ResidentPermitGenerator(long seed, Path out, Compressor compressor) throws IOException {
    this.seed = seed;
    String header = Csv.line(ResidentRow.HEADER);
    this.residentDeltas = new MonthlyExtracts(out, Span.FIRST_MONTH.plusMonths(1),
        m -> "residents/residents_" + m + "_delta.csv", header, Span.CP1252_MONTH, compressor);
    this.permitFiles = new MonthlyExtracts(out, Span.FIRST_MONTH, m -> "permits/permits_" + m + ".jsonl", null, null,
        compressor);
    this.initialFull = new ExtractFile(out, "residents/residents_" + Span.FIRST_MONTH + "_full.csv.gz",
        StandardCharsets.UTF_8, false, header, false, compressor);
    this.midFull = new ExtractFile(out, "residents/residents_" + java.time.YearMonth.from(Span.MID_SNAPSHOT)
        + "_full.csv.gz", StandardCharsets.UTF_8, false, header, false, compressor);
  }

  static Output run(int scale, long seed, Path out, Consumer<String> progress, int compressionLevel)
      throws IOException {
    Population population = new Population(scale);
    try (Compressor compressor = new Compressor(compressionLevel)) {
      ResidentPermitGenerator g = new ResidentPermitGenerator(seed, out, compressor);
      long step = Math.max(1, population.total / 10);
      population.forEachInRegistrationOrder((serial, group, index, registered) -> {
        g.person(serial, group, index, registered);
        if ((serial + 1) % step == 0) {
          progress.accept(String.format("residents and permits: %,d of %,d persons", serial + 1, population.total));
        }
      });
      return g.finish();
    }
  }

  private void person(long serial, Group group, long index, LocalDate registered) throws IOException {
    Rng r = Rng.of(seed, index);
    switch (group.kind()) {
      case JUNK_RESIDENT -> {
        Person p = People.person(r, group, index, Junk.timeline(registered));
        ResidentRow row = Junk.resident(r, p, serial, registered);
        residentDeltas.forTime(row.lastUpdated()).write(row.csv(), r.chance(DUPLICATE_ROWS));
        records++;
      }
      case JUNK_PERMIT -> {
        Person p = People.person(r, group, index, Junk.timeline(registered));
        PermitRow row = Junk.permit(r, p, serial, registered);
        permitFiles.forTime(row.lastUpdated()).write(row.json(), r.chance(DUPLICATE_ROWS));
        permits++;
      }
      default -> {
        Timeline t = People.timeline(r, group, registered);
        Person p = People.person(r, group, index, t);
        persons++;
        for (History h : ResidentHistory.build(r, p, t, serial)) {
          writeResident(r, h);
        }
        List<Permit> planned = new PermitPlanner(r, p).plan(t);
        for (int i = 0; i < planned.size(); i++) {
          Permit permit = planned.get(i);
          String no = Ids.permitNo(permit.issued.getYear(), serial, i);
          writePermit(r, PermitHistory.build(r, p, permit, no), permit);
        }
      }
    }
  }

  /**
   * The initial full load gets the record as it stood at its cut-off, the 2023-07 full snapshot the
   * current records as they stood then; every later version goes to the delta of its month.
   */
  private void writeResident(Rng r, History h) throws IOException {
    ResidentRow initial = null;
    ResidentRow mid = null;
    boolean written = false;
    for (ResidentRow row : h.versions()) {
      LocalDateTime at = row.lastUpdated();
      if (!at.isAfter(endOf(Span.INITIAL_LOAD))) {
        initial = row;
      } else if (!at.isAfter(HORIZON)) {
        residentDeltas.forTime(at).write(row.csv(), r.chance(DUPLICATE_ROWS));
        written = true;
      }
      if (!at.isAfter(endOf(Span.MID_SNAPSHOT))) {
        mid = row;
      }
    }
    if (initial != null) {
      initialFull.write(initial.csv(), false);
      written = true;
    }
    if (mid != null && current(mid)) {
      midFull.write(mid.csv(), false);
    }
    records += written ? 1 : 0;
  }

  /** In the 2023-07 snapshot: active and not deregistered by then (departures arrived as deltas). */
  private static boolean current(ResidentRow row) {
    return row.values()[ResidentRow.RECORD_STATUS].equals("A") && row.values()[ResidentRow.DEREGISTRATION_DATE].isEmpty();
  }

  /**
   * Permits that expired before 2022 are in no extract. Of the versions written before 2022 only the
   * last one arrives, in the first extract (the initial load of still-valid permits).
   */
  private void writePermit(Rng r, List<PermitRow> rows, Permit permit) throws IOException {
    if (permit.validTo.isBefore(Span.START)) {
      return;
    }
    PermitRow initial = null;
    List<PermitRow> later = new ArrayList<>(rows.size());
    for (PermitRow row : rows) {
      if (row.lastUpdated().isBefore(Span.START.atStartOfDay())) {
        initial = row;
      } else if (!row.lastUpdated().isAfter(HORIZON)) {
        later.add(row);
      }
    }
    if (initial != null) {
      permitFiles.first().write(initial.json(), r.chance(DUPLICATE_ROWS));
    }
    for (PermitRow row : later) {
      permitFiles.forTime(row.lastUpdated()).write(row.json(), r.chance(DUPLICATE_ROWS));
    }
    permits += initial != null || !later.isEmpty() ? 1 : 0;
  }

  private Output finish() throws IOException {
    initialFull.close();
    midFull.close();
    residentDeltas.close();
    permitFiles.close();
    List<GenerationSummary.FileStats> files = new ArrayList<>();
    files.add(fileStats(initialFull));
    files.add(fileStats(midFull));
    files.addAll(residentDeltas.stats());
    files.addAll(permitFiles.stats());
    return new Output(files, persons, records, permits);
  }

  private static GenerationSummary.FileStats fileStats(ExtractFile f) throws IOException {
    return new GenerationSummary.FileStats(f.relative(), f.rows(), java.nio.file.Files.size(f.path()));
  }
}
