package org.migstat.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Sorts the sniffed new files of a run into those it ingests, those it rejects (they cannot be read at all:
 * {@link ExtractFile#rejected()}) and those it holds back (their extract date cannot be trusted). A file
 * that is not ingested holds back itself, never the other files or sources, and never sets the reference date.
 *
 * <p>A file is held back when the extract date in its name is after today (the run's clock), or after the
 * latest last-update date of its records by more than the file tolerance ({@code mappings/plausibility.csv}):
 * an empty {@code residents_2099-12_delta.csv} must not make the run publish for 2099-12-31. It is looked at
 * again by every run, so it goes ahead once its date has come (or once it is renamed).
 */
public record Intake(List<ExtractFile> accepted, List<ExtractFile> rejected, List<ExtractFile> heldBack) {

  /** One sentence when a file's extract date cannot be trusted; empty when it can. */
  public static Optional<String> holdBackReason(ExtractFile f, LocalDate today, int fileToleranceDays) {
    LocalDate d = f.extractDate();
    if (d == null) {
      return Optional.empty();
    }
    if (d.isAfter(today)) {
      return Optional.of("the file " + f.name() + " carries the extract date " + d + " in its name, after today ("
          + today + "): held back until that date, so that it cannot set the reference date");
    }
    if (f.latestInside() != null && d.isAfter(f.latestInside().plusDays(fileToleranceDays))) {
      return Optional.of("the file " + f.name() + " carries the extract date " + d + " in its name, but its latest"
          + " record was updated on " + f.latestInside() + ", more than " + fileToleranceDays
          + " days earlier: held back; deliver it again under its true extract date");
    }
    return Optional.empty();
  }

  public static Intake sort(List<ExtractFile> sniffed, LocalDate today, int fileToleranceDays) {
    List<ExtractFile> ok = new ArrayList<>();
    List<ExtractFile> bad = new ArrayList<>();
    List<ExtractFile> held = new ArrayList<>();
    for (ExtractFile f : sniffed) {
      if (f.rejected() != null) {
        bad.add(f);
        continue;
      }
      Optional<String> hold = holdBackReason(f, today, fileToleranceDays);
      if (hold.isPresent()) {
        held.add(f.rejectedBecause(hold.get()));
      } else {
        ok.add(f);
      }
    }
    return new Intake(List.copyOf(ok), List.copyOf(bad), List.copyOf(held));
  }

  /** Every file this run does not ingest, each with its sentence in {@link ExtractFile#rejected()}. */
  public List<ExtractFile> notIngested() {
    List<ExtractFile> all = new ArrayList<>(rejected);
    all.addAll(heldBack);
    return all;
  }

  /**
   * The default reference date: the newest extract date among the listed files, leaving out those this run rejects
   * or holds back and those an earlier run rejected.
   */
  public Optional<LocalDate> defaultAsOf(Collection<ExtractFile> listed, Predicate<ExtractFile> rejectedBefore) {
    Set<String> out = new HashSet<>();
    notIngested().forEach(f -> out.add(f.path()));
    return listed.stream()
        .filter(f -> f.extractDate() != null && f.rejected() == null && !out.contains(f.path()) && !rejectedBefore.test(f))
        .map(ExtractFile::extractDate)
        .max(Comparator.naturalOrder());
  }
}
