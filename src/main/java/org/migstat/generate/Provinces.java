package org.migstat.generate;

import java.util.List;
import java.util.Locale;

/**
 * The 25 provinces of Cambodia (ISO 3166-2:KH), the ways clerks spell them, and district text.
 * src/main/resources/mappings/province.csv holds every spelling used here, normalised (trimmed,
 * lower-case, '-'/'_' as spaces, spaces collapsed); MappingsTest keeps the two in step.
 */
final class Provinces {
  private Provinces() {}

  record Province(String code, String name, List<String> spellings, List<String> districts) {}

  static final List<Province> ALL = List.of(
      p("KH-1", "Banteay Meanchey", "Banteay Meanchey|Banteay Mean Chey|Bantey Meanchey",
          "Serei Saophoan|Poipet|Mongkol Borei|Malai|Thma Puok"),
      p("KH-2", "Battambang", "Battambang|Batdambang|Baat Dambang", "Battambang|Ratanak Mondul|Sangkae|Bavel"),
      p("KH-3", "Kampong Cham", "Kampong Cham|Kompong Cham", "Kampong Cham|Cheung Prey|Batheay"),
      p("KH-4", "Kampong Chhnang", "Kampong Chhnang|Kompong Chhnang", "Kampong Chhnang|Kampong Leaeng|Baribour"),
      p("KH-5", "Kampong Speu", "Kampong Speu|Kompong Speu", "Chbar Mon|Samraong Tong|Kong Pisei"),
      p("KH-6", "Kampong Thom", "Kampong Thom|Kompong Thom", "Stueng Saen|Baray|Kampong Svay"),
      p("KH-7", "Kampot", "Kampot|Kampaot", "Kampot|Teuk Chhou|Chhuk"),
      p("KH-8", "Kandal", "Kandal|Kandaal", "Ta Khmau|Kien Svay|Ang Snuol|Khsach Kandal|Mukh Kampul"),
      p("KH-9", "Koh Kong", "Koh Kong|Kaoh Kong", "Khemarak Phoumin|Mondol Seima|Botum Sakor"),
      p("KH-10", "Kratie", "Kratie|Kracheh", "Kratie|Snuol|Chhloung"),
      p("KH-11", "Mondulkiri", "Mondulkiri|Mondul Kiri|Mondolkiri", "Saen Monourom|Pech Chreada|Keo Seima"),
      p("KH-12", "Phnom Penh", "Phnom Penh|Phnompenh|Phnum Penh|PP",
          "Chamkar Mon|Daun Penh|7 Makara|Tuol Kouk|Sen Sok|Mean Chey|Chbar Ampov|Russey Keo|Por Senchey"
              + "|Dangkao|Prek Pnov|Chroy Changvar|Boeng Keng Kang|Kambol"),
      p("KH-13", "Preah Vihear", "Preah Vihear|Preah Vihar", "Tbaeng Meanchey|Chey Saen"),
      p("KH-14", "Prey Veng", "Prey Veng|Prey Veaeng", "Prey Veng|Neak Loeung|Kampong Trabaek"),
      p("KH-15", "Pursat", "Pursat|Pouthisat|Pousat", "Pursat|Bakan|Kandieng"),
      p("KH-16", "Ratanakiri", "Ratanakiri|Ratanak Kiri|Rattanakiri", "Banlung|O Chum|Lumphat"),
      p("KH-17", "Siem Reap", "Siem Reap|Siemreap|Siem Riep", "Siem Reap|Puok|Angkor Thum|Prasat Bakong"),
      p("KH-18", "Preah Sihanouk", "Preah Sihanouk|Sihanoukville|Kampong Som|Kompong Som|Sihanouk",
          "Mittakpheap|Prey Nob|Stueng Hav|Kampong Seila"),
      p("KH-19", "Stung Treng", "Stung Treng|Stoeng Treng|Steung Treng", "Stung Treng|Sesan|Thala Barivat"),
      p("KH-20", "Svay Rieng", "Svay Rieng|Svay Rien", "Svay Rieng|Bavet|Chantrea|Svay Teab"),
      p("KH-21", "Takeo", "Takeo|Takev", "Doun Kaev|Angkor Borei|Bati|Kiri Vong"),
      p("KH-22", "Oddar Meanchey", "Oddar Meanchey|Otdar Meanchey|Oddor Meanchey", "Samraong|Anlong Veng|Banteay Ampil"),
      p("KH-23", "Kep", "Kep|Kaeb|Krong Kep", "Kep|Damnak Chang Aeur"),
      p("KH-24", "Pailin", "Pailin|Krong Pailin", "Pailin|Sala Krau"),
      p("KH-25", "Tbong Khmum", "Tbong Khmum|Tboung Khmum|Thboung Khmum", "Suong|Memot|Ponhea Kraek|Dambae"));

  /** Places that are not Cambodian provinces: rows carrying them are quarantined. */
  static final String[] UNKNOWN = {"Bangkok", "Ho Chi Minh", "Unknown", "N/A", ""};

  private static final String[] PHNOM_PENH_SANGKATS = {
      "Tonle Bassac", "Boeung Keng Kang 1", "Tuol Svay Prey", "Veal Vong", "Srah Chak", "Chak Angrae Leu",
      "Tuek Thla", "Phsar Thmei 3", "Boeung Kak 2", "Stueng Mean Chey", "Tuol Sangke", "Phnom Penh Thmei"};
  private static final String[] STREETS = {
      "St. 51", "St. 63", "St. 93", "St. 110", "St. 178", "St. 240", "St. 271", "St. 310", "St. 598", "St. 2004",
      "Norodom Blvd", "Monivong Blvd", "Russian Blvd", "Sihanouk Blvd", "Mao Tse Toung Blvd", "Ekareach St."};
  private static final String[] VILLAGES = {"Thmei", "Chas", "Kandal", "Prek", "Trapeang Veng", "Boeung", "Ou Ambel"};
  private static final String[] BUILDINGS = {
      "Borey Peng Huoth", "Borey Chip Mong", "The Bridge", "Golden Tower", "Diamond Island Residence",
      "Sky Villa", "Times Square 2", "Prince Central Plaza"};

  static Province get(int index) {
    return ALL.get(index);
  }

  /** A province spelling: the usual name mostly, upper-case or hyphenated or an older romanisation. */
  static String spell(Rng r, int index) {
    List<String> s = ALL.get(index).spellings;
    double u = r.unit();
    String name;
    if (u < 0.74) {
      name = s.get(0);
    } else if (u < 0.84) {
      name = s.get(0).toUpperCase(Locale.ROOT);
    } else if (u < 0.87) {
      name = s.get(0).replace(' ', '-');
    } else {
      name = s.get(r.between(0, s.size() - 1));
    }
    return r.chance(0.03) ? name + " " : name;
  }

  /** Free-text district: sometimes with commas, line breaks or quotes, which the CSV must quote. */
  static String district(Rng r, int index) {
    double u = r.unit();
    if (u < 0.03) {
      return "";
    }
    Province p = ALL.get(index);
    boolean capital = p.code.equals("KH-12");
    String district = (capital ? "Khan " : "Srok ") + r.pick(p.districts);
    String commune = "Sangkat " + (capital ? r.pick(PHNOM_PENH_SANGKATS) : Integer.toString(r.between(1, 5)));
    String text;
    if (u < 0.60) {
      text = district;
    } else if (u < 0.89) {
      text = commune + ", " + district;
    } else if (u < 0.95) {
      text = "#" + r.between(1, 199) + ", " + r.pick(STREETS) + ", " + commune;
    } else if (u < 0.995) {
      String place = capital ? r.pick(BUILDINGS) : "Phum " + r.pick(VILLAGES);
      text = place + "\n" + commune + ", " + district;
    } else {
      text = "\"" + (capital ? r.pick(BUILDINGS) : r.pick(VILLAGES)) + "\" " + (capital ? "Condo" : "Guesthouse") + ", "
          + district;
    }
    return r.chance(0.03) ? text + " " : text;
  }

  private static Province p(String code, String name, String spellings, String districts) {
    return new Province(code, name, List.of(spellings.split("\\|")), List.of(districts.split("\\|")));
  }
}
