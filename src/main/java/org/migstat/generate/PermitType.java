package org.migstat.generate;

import java.util.Locale;

/**
 * The labour ministry's permit types and the Eurostat reason each maps to. The same table is
 * src/main/resources/mappings/permit_reason.csv (mapping_version 2024.1); MappingsTest compares them.
 * The extracts spell a type in lower case or with a trailing space now and then — compare after
 * trimming and upper-casing.
 */
enum PermitType {
  EMPLOYMENT("Employment", "Employed by an enterprise registered in Cambodia"),
  SELF_EMPLOYED("Employment", "Own business or profession"),
  SKILLED_SPECIALIST("Employment", "Highly skilled specialist or manager"),
  DEPENDANT_WORK("Family", "Family member of a permit holder allowed to work"),
  STUDENT_WORK("Education", "Student allowed to work part-time"),
  VOLUNTEER("Other", "Volunteer with a registered NGO"),
  INVESTOR("Other", "Investor or company director");

  static final String MAPPING_VERSION = "2024.1";
  /** Not a type of the registry: only in rows that must be quarantined. */
  static final String[] UNKNOWN = {"SEASONAL_WORK", "TOURIST", "WP-X"};

  final String reason;
  final String description;

  PermitType(String reason, String description) {
    this.reason = reason;
    this.description = description;
  }

  String spell(Rng r) {
    double u = r.unit();
    if (u < 0.95) {
      return name();
    }
    if (u < 0.97) {
      return name().toLowerCase(Locale.ROOT);
    }
    return name() + " ";
  }
}
