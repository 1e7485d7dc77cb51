package org.migstat.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled samples are what the generator makes (scale 1, default seed), byte for byte, and the
 * mess data-samples/README.md promises is in the files it names.
 */
class GeneratorSamplesTest {

  static Path samples() {
    return Path.of(System.getProperty("migstat.samples", "data-samples"));
  }

  @TempDir
  static Path regenerated;
  static GenerationSummary summary;

  @BeforeAll
  static void regenerate() throws IOException {
    summary = SampleGenerator.generate(1, SampleGenerator.DEFAULT_SEED, regenerated, line -> { });
  }

  @Test
  void regeneratesTheBundledSamplesByteForByte() throws IOException {
    Set<String> generated = new TreeSet<>();
    for (GenerationSummary.FileStats f : summary.files()) {
      generated.add(f.path());
      Path bundled = samples().resolve(f.path());
      assertTrue(Files.exists(bundled), "missing in data-samples: " + f.path());
      byte[] expected = RawRecount.bytes(bundled);
      byte[] actual = RawRecount.bytes(regenerated.resolve(f.path()));
      if (!java.util.Arrays.equals(expected, actual)) {
        fail(f.path() + " differs from the regenerated file; first difference: " + firstDifference(expected, actual));
      }
      // Same content, so a difference here can only come from the platform's zlib.
      assertArrayEquals(Files.readAllBytes(bundled), Files.readAllBytes(regenerated.resolve(f.path())),
          f.path() + ": same content but other gzip bytes");
    }
    assertEquals(generated, bundledFiles(), "data-samples holds files the generator does not make");
  }

  @Test
  void summaryDescribesTheFiles() throws IOException {
    assertEquals(75, summary.files().stream()
        .filter(f -> f.path().startsWith("residents/") || f.path().startsWith("permits/")).count());
    for (GenerationSummary.FileStats f : summary.files()) {
      assertEquals(Files.size(regenerated.resolve(f.path())), f.bytes(), f.path());
    }
    assertEquals(73_500, summary.calibration().idnResidents());
    assertEquals(58_307, summary.calibration().idnPermitHolders());
    assertEquals(89_000, summary.calibration().idnResidentsLate());
    assertTrue(summary.persons() > 170_000 && summary.persons() < 215_000, "persons " + summary.persons());
    assertTrue(summary.permits() > 250_000 && summary.permits() < 350_000, "permits " + summary.permits());
    // The case, crossing and embassy generators' own figures (their recount tests check the files).
    assertEquals(2_946L, summary.figures().get("cases.reported_2024_jan_nov"));
    assertEquals(2_259L, summary.figures().get("cases.scam_related_2024_jan_nov"));
    assertTrue(summary.figures().get("crossings.events") >= 500_000, summary.figures().toString());
    assertTrue(summary.files().stream().filter(f -> f.path().startsWith("crossings/")).count() >= 36);
  }

  @Test
  void bomFilesStartWithTheBomInsideTheGzip() {
    for (String f : List.of("residents/residents_2022-06_delta.csv.gz", "permits/permits_2022-06.jsonl.gz")) {
      byte[] b = RawRecount.bytes(samples().resolve(f));
      assertEquals(List.of(0xEF, 0xBB, 0xBF), List.of(b[0] & 0xFF, b[1] & 0xFF, b[2] & 0xFF), f);
    }
  }

  @Test
  void theWindows1252FileIsNotUtf8AndHasAccentedNames() {
    byte[] b = RawRecount.bytes(samples().resolve("residents/residents_2022-09_delta.csv.gz"));
    assertThrows(CharacterCodingException.class, () -> StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)));
    String text = RawRecount.decode(b);
    assertTrue(text.chars().filter(c -> c > 127).count() >= 5, "accented letters in the cp1252 file");
    assertTrue(text.contains("É") || text.contains("é") || text.contains("Ñ") || text.contains("ñ"));
  }

  @Test
  void truncatedFilesEndMidRecordWithoutNewline() {
    for (String f : List.of("residents/residents_2023-10_delta.csv.gz", "permits/permits_2023-10.jsonl.gz")) {
      byte[] b = RawRecount.bytes(samples().resolve(f));
      assertTrue(b[b.length - 1] != '\n', f + " should end without a newline");
    }
    List<RfcCsv.Record> records = RfcCsv.parse(RawRecount.decode(
        RawRecount.bytes(samples().resolve("residents/residents_2023-10_delta.csv.gz"))));
    RfcCsv.Record last = records.get(records.size() - 1);
    assertTrue(last.malformed() || last.fields().size() < 16, "the last resident record is cut");
  }

  @Test
  void emptyAndResentFiles() throws IOException {
    assertEquals(0, Files.size(samples().resolve("residents/residents_2023-02_delta.csv")));
    assertEquals(0, Files.size(samples().resolve("permits/permits_2023-02.jsonl")));
    assertArrayEquals(Files.readAllBytes(samples().resolve("residents/residents_2023-05_delta.csv.gz")),
        Files.readAllBytes(samples().resolve("residents/residents_2023-05_delta_resend.csv.gz")));
    assertArrayEquals(Files.readAllBytes(samples().resolve("permits/permits_2023-05.jsonl.gz")),
        Files.readAllBytes(samples().resolve("permits/permits_2023-05_resend.jsonl.gz")));
  }

  @Test
  void districtsHoldQuotedCommasLineBreaksAndQuotes() {
    List<RfcCsv.Record> records = RfcCsv.parse(RawRecount.decode(
        RawRecount.bytes(samples().resolve("residents/residents_2024-01_delta.csv.gz"))));
    int district = records.get(0).fields().indexOf("district");
    long commas = records.stream().filter(r -> r.fields().get(district).contains(",")).count();
    long breaks = records.stream().filter(r -> r.fields().get(district).contains("\n")).count();
    long quotes = records.stream().filter(r -> r.fields().get(district).contains("\"")).count();
    assertTrue(commas > 100 && breaks > 10 && quotes > 0, commas + " " + breaks + " " + quotes);
  }

  @Test
  void everyRecordOfTheMidSnapshotWasSentBefore() {
    Set<String> earlier = new HashSet<>();
    Path dir = samples().resolve("residents");
    for (String f : bundledFiles()) {
      String name = Path.of(f).getFileName().toString();
      if (f.startsWith("residents/") && name.compareTo("residents_2023-08") < 0 && !name.contains("2023-07_full")
          && !name.endsWith(".csv")) {
        for (RfcCsv.Record r : RfcCsv.parse(RawRecount.decode(RawRecount.bytes(dir.resolve(name))))) {
          earlier.add(String.join("\u0001", r.fields()));
        }
      }
    }
    List<RfcCsv.Record> mid = RfcCsv.parse(RawRecount.decode(RawRecount.bytes(dir.resolve("residents_2023-07_full.csv.gz"))));
    assertTrue(mid.size() > 100_000);
    for (RfcCsv.Record r : mid) {
      assertTrue(earlier.contains(String.join("\u0001", r.fields())), "not an exact duplicate: " + r.fields());
    }
  }

  @Test
  void trailingSpacesAndExactDuplicates() {
    String text = RawRecount.decode(RawRecount.bytes(samples().resolve("residents/residents_2024-02_delta.csv.gz")));
    List<RfcCsv.Record> records = RfcCsv.parse(text);
    assertTrue(records.stream().flatMap(r -> r.fields().stream()).filter(v -> v.endsWith(" ")).count() > 50);
    Set<List<String>> seen = new HashSet<>();
    assertTrue(records.stream().filter(r -> !seen.add(r.fields())).count() > 0, "exact duplicate rows");
  }

  private static Set<String> bundledFiles() {
    Set<String> files = new TreeSet<>();
    for (String folder : SampleGenerator.FOLDERS) {
      try (Stream<Path> s = Files.list(samples().resolve(folder))) {
        s.filter(Files::isRegularFile).forEach(p -> files.add(folder + "/" + p.getFileName()));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return files;
  }

  private static String firstDifference(byte[] a, byte[] b) {
    String[] x = new String(a, StandardCharsets.ISO_8859_1).split("\n", -1);
    String[] y = new String(b, StandardCharsets.ISO_8859_1).split("\n", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (!x[i].equals(y[i])) {
        return "line " + (i + 1) + "\n  bundled:     " + x[i] + "\n  regenerated: " + y[i];
      }
    }
    return "line counts " + x.length + " vs " + y.length;
  }

}
