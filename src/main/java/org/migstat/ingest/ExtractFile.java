package org.migstat.ingest;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One delivered extract file, as seen on disk and after sniffing its bytes.
 *
 * @param path         where it is read from: a URI ({@code file:/...}, {@code s3a://...}) in which any character
 *                     a file name may hold ({@code : % # ?}, spaces, non-ASCII) is escaped, or a plain local path
 * @param extractDate  the extract date its name carries (null when it carries none: such a file is rejected)
 * @param checksum     SHA-256 of the file bytes (null until sniffed)
 * @param encoding     UTF-8 or windows-1252, decided by a strict UTF-8 decode of the whole content
 * @param empty        true when the (decompressed) content has no bytes at all
 * @param lines        non-blank physical lines of the content, counted without parsing ({@link LineCount})
 * @param nonRecordLines of those, the lines that are no record: the header, and the line breaks inside quoted
 *                     fields of records that were delimited cleanly. {@code lines - nonRecordLines} is the number
 *                     of records the file holds, counted independently of the rows that reach bronze
 * @param latestInside the latest last-update date of its records (null when none could be read)
 * @param rejected     why the file cannot be read at all (null when it can): one sentence
 */
public record ExtractFile(String source, String path, String name, long size, long mtime, LocalDate extractDate,
                          String checksum, String encoding, boolean empty, long lines, long nonRecordLines, LocalDate latestInside,
                          String rejected) implements Serializable {

  public ExtractFile(String source, String path, String name, long size, long mtime, LocalDate extractDate,
                     String checksum, String encoding, boolean empty) {
    this(source, path, name, size, mtime, extractDate, checksum, encoding, empty, 0, 0, null, null);
  }

  public ExtractFile sniffed(String checksum, String encoding, boolean empty) {
    return new ExtractFile(source, path, name, size, mtime, extractDate, checksum, encoding, empty, lines, nonRecordLines,
        latestInside, rejected);
  }

  public ExtractFile sniffed(String checksum, String encoding, boolean empty, long lines) {
    return new ExtractFile(source, path, name, size, mtime, extractDate, checksum, encoding, empty, lines, 0,
        latestInside, rejected);
  }

  public ExtractFile withScan(long nonRecordLines, LocalDate latest) {
    return new ExtractFile(source, path, name, size, mtime, extractDate, checksum, encoding, empty, lines,
        nonRecordLines, latest, rejected);
  }

  /** The records this file holds by the independent count: its non-blank lines that are no header nor line break
   * inside a quoted field. */
  public long recordsByLines() {
    return Math.max(0, lines - nonRecordLines);
  }

  /** This file, refused with one sentence. */
  public ExtractFile rejectedBecause(String reason) {
    return new ExtractFile(source, path, name, size, mtime, extractDate, checksum, encoding, empty, lines, nonRecordLines,
        latestInside, reason);
  }
}
