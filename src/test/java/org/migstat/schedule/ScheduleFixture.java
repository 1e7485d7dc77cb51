package org.migstat.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small input folder in the layout {@code RunJob} reads (the format of pipeline.MessyExtracts, without its
 * mess), extracted at the end of February 2024: 24 Indonesian residents alike in province, sex and age group,
 * half of them with a valid work permit issued in 2023. Every published cell counts 12 or 24 persons, so
 * disclosure control has nothing to suppress and the run never depends on how it would.
 */
final class ScheduleFixture {
  private ScheduleFixture() {}

  static final int RESIDENTS = 24;
  static final int PERMIT_HOLDERS = 12;

  static final String HEADER = "record_id,doc_type,doc_number,doc_country,full_name,citizenship,country_of_birth,sex,"
      + "birth_date,province,district,stay_category,registration_date,deregistration_date,record_status,last_updated\n";

  static void writeInput(Path input) throws IOException {
    Files.createDirectories(input.resolve("residents"));
    Files.createDirectories(input.resolve("permits"));
    Files.writeString(input.resolve("DEMO-pseudonym-key.txt"),
        "# demo key for tests\ndemo-test:0123456789abcdef0123456789abcdef\n");
    StringBuilder residents = new StringBuilder(HEADER);
    StringBuilder permits = new StringBuilder();
    for (int i = 1; i <= RESIDENTS; i++) {
      String doc = String.format("B%07d", i);
      residents.append(String.format("KH-R-%d,PASSPORT,%s,IDN,Person %d,IDN,IDN,F,01/06/1992,Phnom Penh,"
          + "Khan Chamkarmon,EB,05/01/2022,,A,05/01/2022 10:00:00\n", i, doc, i));
      if (i <= PERMIT_HOLDERS) {
        permits.append(permit("WP-" + i, doc, "IDN", "2023-06-01", "2025-05-31")).append('\n');
      }
    }
    Files.writeString(input.resolve("residents/residents_2024-02_full.csv"), residents, StandardCharsets.UTF_8);
    Files.writeString(input.resolve("permits/permits_2024-02.jsonl"), permits, StandardCharsets.UTF_8);
  }

  static String permit(String no, String doc, String country, String from, String to) {
    return String.format("{\"permit_no\":\"%s\",\"holder_doc_type\":\"PASSPORT\",\"holder_doc_number\":\"%s\","
        + "\"holder_doc_country\":\"%s\",\"holder_name\":\"Someone\",\"employer\":\"PT Example\",\"sector_isic\":\"47\","
        + "\"occupation\":\"Clerk\",\"permit_type\":\"EMPLOYMENT\",\"issue_date\":\"%s\",\"valid_from\":\"%s\","
        + "\"valid_to\":\"%s\",\"status\":\"ISSUED\",\"status_date\":null,\"last_updated\":\"%sT09:00:00\"}",
        no, doc, country, from, from, to, from);
  }
}
