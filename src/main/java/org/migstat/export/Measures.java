package org.migstat.export;

import java.util.Locale;
import java.util.Map;
import org.migstat.catalog.Text;

/**
 * Labels and number formats of measure names. The catalogue lists measures by name only, so the common ones get
 * a bilingual label here; any other name is shown humanised ({@code documentation_gap} → "Documentation gap"),
 * so a new indicator renders without a code change. Formats: {@code pct} (percent, one decimal), {@code rate}
 * (two decimals), {@code count} (whole numbers).
 */
public final class Measures {
  private Measures() {}

  static final Map<String, Text> LABELS = Map.ofEntries(
      Map.entry("persons", Text.of("Persons", "Orang")),
      Map.entry("residents", Text.of("Residents", "Penduduk")),
      Map.entry("permit_holders", Text.of("Work-permit holders (all)", "Pemegang izin kerja (semua)")),
      Map.entry("permit_holders_resident", Text.of("Work-permit holders among residents",
          "Pemegang izin kerja di antara penduduk")),
      Map.entry("coverage_pct", Text.of("Work-permit coverage (%)", "Cakupan izin kerja (%)")),
      Map.entry("documentation_gap", Text.of("Documentation gap (residents without a work permit)",
          "Kesenjangan dokumen (penduduk tanpa izin kerja)")),
      Map.entry("permits", Text.of("Permits", "Izin")),
      Map.entry("cases", Text.of("Cases", "Kasus")),
      Map.entry("victims", Text.of("Victims", "Korban")),
      Map.entry("share_pct", Text.of("Share of persons (%)", "Persentase orang (%)")),
      Map.entry("share", Text.of("Share of persons (%)", "Persentase orang (%)")),
      Map.entry("per_100k", Text.of("Per 100,000 residents", "Per 100.000 penduduk")),
      Map.entry("entries", Text.of("Entries", "Kedatangan")),
      Map.entry("exits", Text.of("Exits", "Keberangkatan")),
      Map.entry("net", Text.of("Entries minus exits", "Kedatangan dikurangi keberangkatan")),
      Map.entry("value", Text.of("Value", "Nilai")),
      Map.entry("scam_related_cases", Text.of("Of which related to online-scam work", "Di antaranya terkait kerja penipuan daring")),
      Map.entry("scam_related_share_pct", Text.of("Share related to online-scam work (%)", "Persentase terkait kerja penipuan daring (%)")),
      Map.entry("median_days", Text.of("Median days", "Median hari")),
      Map.entry("detected_victims", Text.of("Detected victims", "Korban terdeteksi")),
      Map.entry("persons_prosecuted", Text.of("Persons prosecuted", "Orang yang dituntut")),
      Map.entry("persons_convicted", Text.of("Persons convicted", "Orang yang diputus bersalah")));

  public static Text label(String measure) {
    Text t = LABELS.get(measure);
    if (t != null) {
      return t;
    }
    String h = Labels.humanise(measure.replaceAll("(?i)_pct$", " (%)").replaceAll("(?i)_per_100k$", " per 100,000"));
    return Text.of(h, h);
  }

  /** pct, rate or count. */
  public static String format(String measure) {
    String m = measure == null ? "" : measure.toLowerCase(Locale.ROOT);
    if (m.endsWith("_pct") || m.equals("pct") || m.startsWith("share") || m.contains("percent")) {
      return "pct";
    }
    if (m.contains("100k") || m.contains("per_100") || m.contains("rate") || m.contains("ratio")) {
      return "rate";
    }
    return "count";
  }
}
