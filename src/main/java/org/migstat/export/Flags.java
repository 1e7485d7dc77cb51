package org.migstat.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.migstat.catalog.Text;

/**
 * The per-cell flags of the publish layer, their bilingual legend and their SDMX mapping.
 *
 * <p>A publish cell's {@code flag} holds zero or more bracketed tokens ({@code [c]}, {@code [p][e]}). Besides the
 * statistical-office flags of disclosure.md, the export understands one more: <b>{@code [<N]}</b>, a value the
 * source itself published censored as "fewer than N" (UNODC GLOTIP prints {@code <5}: a count between 1 and
 * N−1, never zero, not to be added up). Such a cell has {@code value} NULL and flag {@code [<5]}; the dashboard
 * shows it as {@code <5}, the CSV and XLSX keep the flag text, SDMX-CSV gives it an empty OBS_VALUE and
 * CONF_STATUS {@code A} (SDMX CL_CONF_STATUS "primary confidentiality due to small counts").
 */
public final class Flags {
  private Flags() {}

  /** One legend entry. {@code obsFlag}: SDMX OBS_FLAG letter (empty: none); {@code confStatus}: CONF_STATUS. */
  public record Flag(String token, Text meaning, String obsFlag, String confStatus) {}

  public static final Flag CONFIDENTIAL = new Flag("[c]",
      Text.of("confidential: hidden to protect the persons counted, because the figure is small or because it would let"
              + " a hidden figure be worked out (by subtraction from a total, another period or another table)",
          "rahasia: disembunyikan untuk melindungi orang yang dihitung, karena angkanya kecil atau karena angka itu"
              + " memungkinkan angka lain yang disembunyikan dihitung (dengan pengurangan dari total, periode lain atau tabel lain)"),
      "", "C");
  public static final Flag NOT_AVAILABLE = new Flag("[x]",
      Text.of("not available: not published in this release",
          "tidak tersedia: tidak dipublikasikan dalam rilis ini"),
      "m", "");
  public static final Flag CENSORED = new Flag("[<5]",
      Text.of("fewer than 5, as published by the source (a count from 1 to 4: never zero, not to be added up)",
          "kurang dari 5, sebagaimana dipublikasikan sumber (jumlah 1 sampai 4: bukan nol, tidak boleh dijumlahkan)"),
      "", "A");

  /** Every flag the legend explains, in the order it shows them. */
  public static final List<Flag> LEGEND = List.of(
      CONFIDENTIAL,
      NOT_AVAILABLE,
      new Flag("[z]", Text.of("not applicable", "tidak berlaku"), "z", ""),
      new Flag("[p]", Text.of("provisional: may change in a later release", "sementara: dapat berubah pada rilis berikutnya"), "p", ""),
      new Flag("[r]", Text.of("revised since the previous release", "direvisi sejak rilis sebelumnya"), "r", ""),
      new Flag("[e]", Text.of("estimated", "estimasi"), "e", ""),
      new Flag("[b]", Text.of("break in series: not comparable with earlier periods",
          "jeda seri: tidak dapat dibandingkan dengan periode sebelumnya"), "b", ""),
      CENSORED);

  /**
   * How many published cells carry each legend flag ({@code [<N]} counted under {@link #CENSORED}); a legend
   * shows only the flags a release uses, so that each one means what it says about these figures.
   */
  public static Map<String, Long> counts(List<PublishedTable> tables) {
    Map<String, Long> n = new LinkedHashMap<>();
    for (PublishedTable t : tables) {
      for (PublishedCell c : t.cells()) {
        Set<String> seen = new HashSet<>();
        for (String tok : tokens(c.flag())) {
          String key = CENSORED_TOKEN.matcher(tok).matches() ? CENSORED.token() : tok;
          if (seen.add(key)) {
            n.merge(key, 1L, Long::sum);
          }
        }
      }
    }
    return n;
  }

  private static final Pattern TOKEN = Pattern.compile("\\[([^\\]]*)\\]");
  private static final Pattern CENSORED_TOKEN = Pattern.compile("\\[\\s*<\\s*(\\d+)\\s*\\]");

  /** The bracketed tokens of a flag, normalised to lower case ({@code "[C] [p]"} → {@code [c], [p]}). */
  public static List<String> tokens(String flag) {
    List<String> out = new ArrayList<>();
    if (flag == null || flag.isBlank()) {
      return out;
    }
    Matcher m = TOKEN.matcher(flag);
    boolean any = false;
    while (m.find()) {
      any = true;
      out.add("[" + m.group(1).strip().toLowerCase(Locale.ROOT).replace(" ", "") + "]");
    }
    if (!any) {
      // Tolerate bare letters ("c", "p,e"): still a flag, never silently dropped.
      for (String s : flag.split("[,;\\s]+")) {
        if (!s.isBlank()) {
          out.add("[" + s.strip().toLowerCase(Locale.ROOT) + "]");
        }
      }
    }
    return out;
  }

  public static boolean suppressed(String flag) {
    return tokens(flag).contains(CONFIDENTIAL.token());
  }

  /** N of a {@code [<N]} flag, or -1 when the cell is not censored. */
  public static int censoredBelow(String flag) {
    if (flag == null) {
      return -1;
    }
    Matcher m = CENSORED_TOKEN.matcher(flag);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** True when the value must not be shown as a number nor used in a change: suppressed, censored or missing. */
  public static boolean hidesValue(String flag) {
    return suppressed(flag) || censoredBelow(flag) >= 0 || tokens(flag).contains(NOT_AVAILABLE.token());
  }

  /** SDMX OBS_FLAG: the letters of every non-confidentiality flag, concatenated ({@code [p][e]} → {@code pe}). */
  public static String sdmxObsFlag(String flag, Double value) {
    StringBuilder sb = new StringBuilder();
    for (String t : tokens(flag)) {
      if (CENSORED_TOKEN.matcher(t).matches() || t.equals(CONFIDENTIAL.token())) {
        continue;
      }
      String letter = LEGEND.stream().filter(f -> f.token().equals(t)).map(Flag::obsFlag).findFirst()
          .orElse(t.substring(1, t.length() - 1));
      if (!letter.isEmpty() && sb.indexOf(letter) < 0) {
        sb.append(letter);
      }
    }
    if (value == null && !suppressed(flag) && censoredBelow(flag) < 0 && sb.length() == 0) {
      sb.append(NOT_AVAILABLE.obsFlag()); // an empty value always says why
    }
    return sb.toString();
  }

  /** SDMX CONF_STATUS: C for our suppression, A for a source's small-count censoring, empty (free) otherwise. */
  public static String sdmxConfStatus(String flag) {
    if (suppressed(flag)) {
      return CONFIDENTIAL.confStatus();
    }
    if (censoredBelow(flag) >= 0) {
      return CENSORED.confStatus();
    }
    return "";
  }
}
