package org.migstat.ingest.glotip;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the real GLOTIP export. */
public final class GlotipTestFiles {
  public static final String FILE_NAME = "unodc_glotip_data_glotip.xlsx";

  private GlotipTestFiles() {}

  /**
   * The real file: {@code $migstat.realdata/unodc_glotip_data_glotip.xlsx} (surefire points the
   * property at ../shared/realdata), else the byte copy in {@code data-samples/glotip}.
   */
  public static Path realFile() {
    String dir = System.getProperty("migstat.realdata");
    if (dir != null && Files.isRegularFile(Path.of(dir, FILE_NAME))) {
      return Path.of(dir, FILE_NAME);
    }
    String samples = System.getProperty("migstat.samples", "data-samples");
    Path copy = Path.of(samples, "glotip", FILE_NAME);
    if (Files.isRegularFile(copy)) {
      return copy;
    }
    throw new IllegalStateException("GLOTIP export not found under " + dir + " nor at " + copy);
  }
}
