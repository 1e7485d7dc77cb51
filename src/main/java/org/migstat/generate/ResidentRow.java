package org.migstat.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** One version of a resident record: the columns of data-samples/README.md, as written. */
record ResidentRow(String[] values, LocalDateTime lastUpdated) {

  static final List<String> HEADER = List.of("record_id", "doc_type", "doc_number", "doc_country", "full_name",
      "citizenship", "country_of_birth", "sex", "birth_date", "province", "district", "stay_category",
      "registration_date", "deregistration_date", "record_status", "last_updated");
  static final int RECORD_ID = 0;
  static final int DOC_TYPE = 1;
  static final int DOC_NUMBER = 2;
  static final int DOC_COUNTRY = 3;
  static final int FULL_NAME = 4;
  static final int CITIZENSHIP = 5;
  static final int COUNTRY_OF_BIRTH = 6;
  static final int SEX = 7;
  static final int BIRTH_DATE = 8;
  static final int PROVINCE = 9;
  static final int DISTRICT = 10;
  static final int STAY_CATEGORY = 11;
  static final int REGISTRATION_DATE = 12;
  static final int DEREGISTRATION_DATE = 13;
  static final int RECORD_STATUS = 14;
  static final int LAST_UPDATED = 15;

  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");
  static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm:ss");

  static String date(LocalDate d) {
    return d == null ? "" : DATE.format(d);
  }

  /** Freezes the current state of a record as the version written at {@code at}. */
  static ResidentRow of(String[] state, LocalDateTime at) {
    String[] v = state.clone();
    v[LAST_UPDATED] = TIMESTAMP.format(at);
    return new ResidentRow(v, at);
  }

  String csv() {
    return Csv.line(values);
  }

  /** A record's versions in the order they were written (last_updated strictly increasing). */
  record History(String recordId, List<ResidentRow> versions) {}
}
