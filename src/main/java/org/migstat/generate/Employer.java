package org.migstat.generate;

import java.util.List;
import java.util.Locale;

/**
 * An employer as the permit registry knows it: a made-up company name, its ISIC Rev.4 division and
 * the occupations it hires for. The division is written as two digits, sometimes as the section
 * letter (see isic_section.csv).
 */
record Employer(String name, Activity activity) {

  /** A line of business: the word in the company name, its ISIC division and section, occupations. */
  record Activity(String word, String division, String section, List<String> occupations) {}

  private static final String[] BRANDS = {
      "Golden Bay", "Royal Mekong", "Angkor", "Mekong", "Asia Star", "Lucky Dragon", "Phoenix", "Jin Bei",
      "Prince", "Blue Ocean", "Diamond", "Grand Pacific", "Sunrise", "Crown", "Imperial", "Victory",
      "Kingdom", "Jade Palace", "Silver Lotus", "New World", "Orient", "Harmony", "Bayon", "Tonle"};
  private static final String[] LEGAL_FORMS = {
      "Co., Ltd.", "Co., Ltd.", "Co., Ltd.", "(Cambodia) Co., Ltd.", "Group", "Pte. Ltd.", "Ltd"};

  static final List<Activity> ACTIVITIES = List.of(
      a("Entertainment", "92", "R", "Customer Service|Marketing Staff|Croupier|Casino Supervisor|Translator"),
      a("Digital", "62", "J", "IT Programmer|Software Developer|Customer Service|Data Analyst"),
      a("Network", "63", "J", "Network Engineer|Customer Service|Content Moderator"),
      a("Trading", "46", "G", "Sales Manager|Purchasing Officer|Accountant"),
      a("Retail", "47", "G", "Shop Supervisor|Sales Staff|Cashier"),
      a("Garment", "14", "C", "Garment Technician|Factory Supervisor|Quality Controller"),
      a("Construction", "41", "F", "Site Engineer|Construction Supervisor|Foreman|Surveyor"),
      a("Resort", "55", "I", "Front Office Manager|Housekeeping Supervisor|Chef"),
      a("Restaurant", "56", "I", "Cook|Restaurant Manager|Waiter"),
      a("Investment", "64", "K", "Finance Manager|Director|Accountant"),
      a("Logistics", "52", "H", "Logistics Coordinator|Warehouse Supervisor|Driver"),
      a("Property", "68", "L", "Project Manager|Sales Executive|Property Manager"),
      a("Services", "82", "N", "Call Centre Agent|Administrative Staff|Translator"),
      a("Electronics", "26", "C", "Production Engineer|Technician"),
      a("Education", "85", "P", "Teacher|Teaching Assistant|Language Instructor"),
      a("Clinic", "86", "Q", "Doctor|Nurse|Pharmacist"),
      a("Agro", "01", "A", "Farm Manager|Agronomist"));

  /** Activities weighted towards what Indonesians (online gaming, call centres) and others do here. */
  private static final double[] INDONESIAN_WEIGHTS = {30, 14, 8, 4, 3, 2, 5, 6, 5, 2, 2, 2, 10, 1, 3, 2, 1};
  private static final double[] OTHER_WEIGHTS = {10, 8, 4, 10, 6, 12, 12, 8, 6, 4, 4, 5, 4, 4, 4, 2, 2};

  static Employer pick(Rng r, Nationality nat) {
    Activity activity = ACTIVITIES.get(r.weighted(nat == Nationality.IDN ? INDONESIAN_WEIGHTS : OTHER_WEIGHTS));
    return new Employer(r.pick(BRANDS) + " " + activity.word + " " + r.pick(LEGAL_FORMS), activity);
  }

  String occupation(Rng r) {
    return r.pick(activity.occupations);
  }

  /** The sector as written: the division, sometimes the section letter, rarely in lower case. */
  String sector(Rng r) {
    double u = r.unit();
    if (u < 0.86) {
      return activity.division;
    }
    return u < 0.97 ? activity.section : activity.section.toLowerCase(Locale.ROOT);
  }

  /** The same company typed differently in a later correction. */
  String respelled() {
    return name.replace("Co., Ltd.", "Co. Ltd").replace("Pte. Ltd.", "PTE LTD").replace("Group", "GROUP");
  }

  private static Activity a(String word, String division, String section, String occupations) {
    return new Activity(word, division, section, List.of(occupations.split("\\|")));
  }
}
