package org.migstat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migstat.generate.SampleGenerator;
import org.migstat.generate.SyntheticMarker;

/** The generator's stamp: the bundled samples carry it, and a run finds it at the top or in a source folder. */
class SyntheticLabelTest {
  @TempDir Path dir;

  static Path samples() {
    return Path.of(System.getProperty("basedir", ".")).resolve("data-samples");
  }

  @Test
  void theBundledSamplesCarryTheGeneratorsMarker() throws IOException {
    assertEquals(SyntheticMarker.text(1, SampleGenerator.DEFAULT_SEED),
        Files.readString(samples().resolve(SyntheticMarker.FILE_NAME)));
    String text = SyntheticMarker.text(1, SampleGenerator.DEFAULT_SEED);
    assertTrue(text.startsWith("SYNTHETIC DEMONSTRATION DATA — NOT OFFICIAL STATISTICS\n"
        + "DATA DEMONSTRASI SINTETIS — BUKAN STATISTIK RESMI\n"), text);
  }

  @Test
  void aRunFindsTheMarkerAtTheTopOrInASourceFolder() throws IOException {
    List<String> folders = List.of("residents", "permits");
    Configuration conf = new Configuration();
    Files.createDirectories(dir.resolve("real/residents"));
    assertFalse(SyntheticMarker.marks(dir.resolve("real").toString(), folders, conf));
    Files.createDirectories(dir.resolve("top"));
    Files.writeString(dir.resolve("top").resolve(SyntheticMarker.FILE_NAME), "x");
    assertTrue(SyntheticMarker.marks(dir.resolve("top").toString(), folders, conf));
    Files.createDirectories(dir.resolve("inner/permits"));
    Files.writeString(dir.resolve("inner/permits").resolve(SyntheticMarker.FILE_NAME), "x");
    assertTrue(SyntheticMarker.marks(dir.resolve("inner").toString(), folders, conf));
    assertTrue(SyntheticMarker.marks(samples().toString(), folders, conf));
  }
}
