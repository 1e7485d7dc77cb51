package org.migstat.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.Deflater;

/**
 * The deterministic generator of the bundled sample extracts (data-samples/README.md): the same
 * (scale, seed) gives the same files, byte for byte. Sources are generated one after the other, each
 * by its own generator and into its own folder: the host resident registry and the work-permit
 * registry ({@link ResidentPermitGenerator}), protection cases ({@link CaseGenerator}), border
 * crossings ({@link BorderGenerator}) and embassy self-registrations ({@link EmbassyGenerator}).
 * The last three reuse the resident generator's persons, so they are regenerated with it.
 */
public final class SampleGenerator {
  public static final long DEFAULT_SEED = 20240313L;
  /** The folders this generator owns under {@code out}; their old content is removed first. */
  static final List<String> FOLDERS = List.of("residents", "permits", "cases", "crossings", "embassy");

  private SampleGenerator() {}

  /**
   * Writes residents/, permits/, cases/, crossings/ and embassy/ under {@code out}, streaming: memory does not grow with the scale.
   *
   * @param scale    multiplies every population count; calibrated figures are multiplied exactly
   * @param progress receives a line now and then (e.g. {@code System.err::println})
   */
  public static GenerationSummary generate(int scale, long seed, Path out, Consumer<String> progress)
      throws IOException {
    return generate(scale, seed, out, progress, Deflater.BEST_COMPRESSION);
  }

  /**
   * The same with another deflate level: the content is identical, only the gzip bytes differ.
   * Tests that only count use a fast level.
   */
  static GenerationSummary generate(int scale, long seed, Path out, Consumer<String> progress, int compressionLevel)
      throws IOException {
    return generate(scale, seed, out, progress, compressionLevel, FOLDERS);
  }

  /** Only some of the folders (residents and permits always come together, and first). */
  static GenerationSummary generate(int scale, long seed, Path out, Consumer<String> progress, int compressionLevel,
                                    List<String> folders) throws IOException {
    if (scale < 1) {
      throw new IllegalArgumentException("scale must be at least 1, got " + scale);
    }
    for (String folder : folders) {
      clear(out.resolve(folder));
    }
    ResidentPermitGenerator.Output residents = ResidentPermitGenerator.run(scale, seed, out, progress, compressionLevel);
    java.util.Map<String, Long> figures = new java.util.LinkedHashMap<>();
    if (folders.contains("cases")) {
      figures.putAll(CaseGenerator.generate(scale, seed, out, progress));
    }
    if (folders.contains("crossings")) {
      figures.putAll(BorderGenerator.generate(scale, seed, out, progress));
    }
    if (folders.contains("embassy")) {
      figures.putAll(EmbassyGenerator.generate(scale, seed, out, progress));
    }
    // The extract folder says what it holds: synthetic demonstration data, not official statistics.
    SyntheticMarker.write(out, scale, seed);
    List<GenerationSummary.FileStats> files = new ArrayList<>(residents.files());
    for (String folder : List.of("cases", "crossings", "embassy").stream().filter(folders::contains).toList()) {
      try (Stream<Path> s = Files.list(out.resolve(folder))) {
        for (Path p : s.filter(Files::isRegularFile).toList()) {
          files.add(new GenerationSummary.FileStats(folder + "/" + p.getFileName(), -1, Files.size(p)));
        }
      }
    }
    files.sort(Comparator.comparing(GenerationSummary.FileStats::path));
    GenerationSummary.Calibration calibration = new GenerationSummary.Calibration(Span.REFERENCE,
        Cell.residentsAtReference() * scale, Cell.holdersAtReference() * scale, Span.LATE, Cell.residentsLate() * scale);
    GenerationSummary summary = new GenerationSummary(scale, seed, out, List.copyOf(files), residents.persons(),
        residents.residentRecords(), residents.permits(), calibration,
        java.util.Collections.unmodifiableMap(figures));
    progress.accept(String.format("wrote %d files, %,d bytes, under %s", files.size(), summary.totalBytes(), out));
    return summary;
  }

  private static void clear(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        Files.delete(f);
      }
    }
  }
}
