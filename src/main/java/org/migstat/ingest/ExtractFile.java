package org.migstat.ingest;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One delivered extract file, as seen on disk and after sniffing its bytes.
 *
 * @param checksum SHA-256 of the file bytes (null until sniffed)
 * @param encoding UTF-8 or windows-1252, decided by a strict UTF-8 decode of the whole content
 * @param empty    true when the (decompressed) content has no bytes at all
 */
public record ExtractFile(String source, String path, String name, long size, long mtime, LocalDate extractDate,
                          String checksum, String encoding, boolean empty) implements Serializable {

  public ExtractFile sniffed(String checksum, String encoding, boolean empty) {
    return new ExtractFile(source, path, name, size, mtime, extractDate, checksum, encoding, empty);
  }
}
