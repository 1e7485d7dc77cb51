package org.migstat.ingest.glotip;

import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.xssf.model.SharedStrings;

/**
 * POI's read-only shared-string table builds a new XMLBeans-backed rich string on every lookup;
 * the GLOTIP sheet looks up its ~2,500 strings 700,000 times. This keeps one per index.
 */
final class CachedSharedStrings implements SharedStrings {
  private final SharedStrings table;
  private final RichTextString[] cache;

  CachedSharedStrings(SharedStrings table) {
    this.table = table;
    this.cache = new RichTextString[Math.max(0, table.getUniqueCount())];
  }

  @Override
  public RichTextString getItemAt(int idx) {
    if (idx < 0 || idx >= cache.length) {
      return table.getItemAt(idx);
    }
    RichTextString s = cache[idx];
    if (s == null) {
      s = table.getItemAt(idx);
      cache[idx] = s;
    }
    return s;
  }

  @Override
  public int getCount() {
    return table.getCount();
  }

  @Override
  public int getUniqueCount() {
    return table.getUniqueCount();
  }
}
