package org.migstat.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * Opens a delivered file by the location {@link ExtractFile#path()} holds, whatever characters its name has.
 * Local files are read through java.nio: Hadoop's local file system builds a {@code .name.crc} path from the
 * name as a string, which fails for a name with a colon ("Relative path in absolute URI"). Other file systems
 * (s3a://, hdfs://) are opened through a Hadoop path built from the URI, never from a string to be parsed.
 */
public final class ExtractFiles {
  private ExtractFiles() {}

  /** The location of a listed file: its URI with every special character escaped (non-ASCII ones as UTF-8). */
  public static String location(Path listed) {
    return listed.toUri().toASCIIString();
  }

  static URI uri(String location) throws IOException {
    try {
      URI u = new URI(location);
      return u.getScheme() == null || u.getScheme().length() == 1 ? java.nio.file.Path.of(location).toUri() : u;
    } catch (URISyntaxException e) {
      return java.nio.file.Path.of(location).toUri(); // a plain local path with characters a URI would escape
    }
  }

  /** The raw bytes of a file (still compressed when it is). */
  public static InputStream openRaw(String location, Map<String, String> conf) throws IOException {
    URI u = uri(location);
    if ("file".equals(u.getScheme())) {
      return Files.newInputStream(java.nio.file.Path.of(u));
    }
    Path p = new Path(u);
    return p.getFileSystem(FileSniffer.hadoopConf(conf)).open(p);
  }
}
