package org.migstat.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The stamp the generator leaves at the top of the extract folder it writes ({@value #FILE_NAME},
 * beside {@code residents/}, {@code permits/}, ...): the folder holds synthetic demonstration data, not
 * official statistics. Ingest never reads it (it is no source's file); a run over an input folder that
 * carries it — at the top or in a source folder — is recorded as synthetic in {@code ops.runs}.
 */
public final class SyntheticMarker {
  private SyntheticMarker() {}

  public static final String FILE_NAME = "SYNTHETIC-DATA.txt";
  public static final String ENGLISH = "Synthetic demonstration data — not official statistics";
  public static final String INDONESIAN = "Data demonstrasi sintetis — bukan statistik resmi";

  /** The marker's text: deterministic (no date), so regenerated samples stay byte for byte the same. */
  public static String text(int scale, long seed) {
    return ENGLISH.toUpperCase(java.util.Locale.ROOT) + "\n"
        + INDONESIAN.toUpperCase(java.util.Locale.ROOT) + "\n\n"
        + "Written by `migstat generate --scale " + scale + " --seed " + seed + "`. Every person, document number\n"
        + "and event in this folder is made up. A migstat run over extracts that carry this file records the\n"
        + "run as synthetic (ops.runs.synthetic), and what it publishes says so.\n";
  }

  /** Writes the marker into {@code folder} (the extract root). */
  static void write(Path folder, int scale, long seed) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(FILE_NAME), text(scale, seed), StandardCharsets.UTF_8);
  }

  /**
   * True when the input root or one of its source folders carries the marker (any Hadoop file system:
   * a local folder, s3a://, hdfs://).
   */
  public static boolean marks(String inputRoot, List<String> folders, Configuration conf) {
    try {
      org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(inputRoot);
      FileSystem fs = root.getFileSystem(conf);
      if (fs.exists(new org.apache.hadoop.fs.Path(root, FILE_NAME))) {
        return true;
      }
      for (String folder : folders) {
        if (fs.exists(new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(root, folder), FILE_NAME))) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
