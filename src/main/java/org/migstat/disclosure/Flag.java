package org.migstat.disclosure;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-cell flags in the style statistical offices use in spreadsheets and SDMX, with the bilingual
 * (English / Bahasa Indonesia) legend every published table and dashboard carries. A cell carries at
 * most one flag; {@link #CONFIDENTIAL} replaces any other flag when a cell is suppressed.
 */
public enum Flag {
  CONFIDENTIAL("[c]", "confidential (suppressed)", "rahasia (disembunyikan)"),
  NOT_AVAILABLE("[x]", "not available", "tidak tersedia"),
  NOT_APPLICABLE("[z]", "not applicable", "tidak berlaku"),
  PROVISIONAL("[p]", "provisional", "sementara"),
  REVISED("[r]", "revised", "direvisi"),
  ESTIMATED("[e]", "estimated", "estimasi"),
  BREAK_IN_SERIES("[b]", "break in series", "perubahan seri");

  private final String code;
  private final String english;
  private final String indonesian;

  Flag(String code, String english, String indonesian) {
    this.code = code;
    this.english = english;
    this.indonesian = indonesian;
  }

  /** The code as printed next to a value, e.g. {@code [c]}. */
  public String code() {
    return code;
  }

  public String english() {
    return english;
  }

  public String indonesian() {
    return indonesian;
  }

  /** One legend line, e.g. {@code [c] confidential (suppressed) / rahasia (disembunyikan)}. */
  public String legendLine() {
    return code + " " + english + " / " + indonesian;
  }

  /** The legend for every flag, one line each, in the order above. */
  public static List<String> legend() {
    List<String> lines = new ArrayList<>();
    for (Flag f : values()) {
      lines.add(f.legendLine());
    }
    return lines;
  }

  /** The flag for a code such as {@code [c]} (brackets optional, case-insensitive); null for null. */
  public static Flag ofCode(String code) {
    if (code == null) {
      return null;
    }
    String c = code.trim().toLowerCase();
    if (!c.startsWith("[")) {
      c = "[" + c + "]";
    }
    for (Flag f : values()) {
      if (f.code.equals(c)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown flag code: " + code);
  }
}
