package org.migstat.ingest;

/**
 * Counts the non-blank physical lines of a file's content, byte by byte, without parsing it: the
 * independent side of the record conservation check. A line ends with LF, CRLF or a lone CR; it is
 * blank when it holds only spaces and tabs. A UTF-8 byte-order mark at the start is not content.
 * The bytes counted (LF, CR, space, tab) mean the same in UTF-8 and Windows-1252.
 */
public final class LineCount {
  private long nonBlank;
  private boolean lineHasContent;
  private boolean afterCr;
  private long position;

  /** Feeds the next bytes of the content. */
  public void accept(byte[] buf, int n) {
    for (int i = 0; i < n; i++, position++) {
      int b = buf[i] & 0xff;
      if (position < 3 && (b == 0xEF && position == 0 || b == 0xBB && position == 1 || b == 0xBF && position == 2)
          && !lineHasContent) {
        continue; // the UTF-8 byte-order mark
      }
      if (b == '\n') {
        if (!afterCr) {
          endLine();
        }
        afterCr = false;
      } else if (b == '\r') {
        endLine();
        afterCr = true;
      } else {
        afterCr = false;
        if (b != ' ' && b != '\t') {
          lineHasContent = true;
        }
      }
    }
  }

  private void endLine() {
    if (lineHasContent) {
      nonBlank++;
    }
    lineHasContent = false;
  }

  /** Non-blank physical lines, the last one counted even without a line break. */
  public long nonBlankLines() {
    return nonBlank + (lineHasContent ? 1 : 0);
  }

  /** True when a physical line (with or without its terminator) holds only spaces and tabs. */
  public static boolean isBlank(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return false;
      }
    }
    return true;
  }
}
