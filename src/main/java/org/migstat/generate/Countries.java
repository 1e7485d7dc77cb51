package org.migstat.generate;

import java.util.List;

/**
 * Countries as the registries write them: ISO alpha-3 mostly, sometimes alpha-2, a name or an
 * adjective, sometimes with a trailing space. src/main/resources/mappings/citizenship.csv lists every
 * spelling used here (normalised: trimmed, lower-case, '-'/'_' as spaces, spaces collapsed);
 * MappingsTest keeps the two in step.
 */
final class Countries {
  private Countries() {}

  /** One country and the spellings the extracts use; the first spelling is the alpha-3 code. */
  record Country(String iso3, String labelEn, String labelId, List<String> spellings) {}

  static final List<Country> ALL = List.of(
      c("IDN", "Indonesia", "Indonesia", "IDN", "ID", "INDONESIA", "Indonesian", "Indonesia"),
      c("CHN", "China", "Tiongkok", "CHN", "CN", "CHINA", "Chinese"),
      c("VNM", "Viet Nam", "Vietnam", "VNM", "VN", "VIETNAM", "VIET NAM", "Vietnamese"),
      c("THA", "Thailand", "Thailand", "THA", "TH", "THAILAND", "Thai"),
      c("KOR", "Korea, Republic of", "Korea Selatan", "KOR", "KR", "KOREA", "SOUTH KOREA", "Korean"),
      c("JPN", "Japan", "Jepang", "JPN", "JP", "JAPAN", "Japanese"),
      c("PHL", "Philippines", "Filipina", "PHL", "PH", "PHILIPPINES", "Filipino"),
      c("MYS", "Malaysia", "Malaysia", "MYS", "MY", "MALAYSIA", "Malaysian"),
      c("IND", "India", "India", "IND", "IN", "INDIA", "Indian"),
      c("USA", "United States", "Amerika Serikat", "USA", "US", "UNITED STATES", "American"),
      c("FRA", "France", "Prancis", "FRA", "FR", "FRANCE", "French"),
      c("GBR", "United Kingdom", "Britania Raya", "GBR", "GB", "UNITED KINGDOM", "UK", "British"),
      c("AUS", "Australia", "Australia", "AUS", "AU", "AUSTRALIA", "Australian"),
      c("LAO", "Lao People's Democratic Republic", "Laos", "LAO", "LA", "LAOS", "Lao PDR"),
      c("MMR", "Myanmar", "Myanmar", "MMR", "MM", "MYANMAR", "Burmese"),
      c("BGD", "Bangladesh", "Bangladesh", "BGD", "BD", "BANGLADESH", "Bangladeshi"),
      c("PAK", "Pakistan", "Pakistan", "PAK", "PK", "PAKISTAN", "Pakistani"),
      c("NPL", "Nepal", "Nepal", "NPL", "NP", "NEPAL", "Nepali"),
      // Only as country of birth.
      c("KHM", "Cambodia", "Kamboja", "KHM", "KH", "CAMBODIA"),
      c("SGP", "Singapore", "Singapura", "SGP", "SG", "SINGAPORE"),
      c("HKG", "Hong Kong", "Hong Kong", "HKG", "HK", "HONG KONG"));

  /** Codes a clerk mistyped; deliberately absent from citizenship.csv so those rows are quarantined. */
  static final String[] UNKNOWN = {"XXX", "IDM", "ZZ", "QQQ", "INDONESIAA"};

  static Country of(String iso3) {
    for (Country c : ALL) {
      if (c.iso3.equals(iso3)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no country " + iso3);
  }

  /** Citizenship as typed in the resident registry: mostly the code, sometimes anything else. */
  static String citizenship(Rng r, String iso3) {
    List<String> s = of(iso3).spellings;
    double u = r.unit();
    if (u < 0.89) {
      return s.get(0);
    }
    if (u < 0.91) {
      return s.get(0) + " ";
    }
    return s.get(1 + r.between(0, s.size() - 2));
  }

  /** Issuing country of a document: almost always the code (it is read from the passport). */
  static String documentCountry(Rng r, String iso3) {
    List<String> s = of(iso3).spellings;
    double u = r.unit();
    if (u < 0.95) {
      return s.get(0);
    }
    return u < 0.98 ? s.get(1) : s.get(2);
  }

  private static Country c(String iso3, String en, String id, String... spellings) {
    return new Country(iso3, en, id, List.of(spellings));
  }
}
