package org.migstat.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * A small input folder holding every kind of mess sources.md lists, written by hand so each expected
 * figure below can be checked by reading the rows.
 */
final class MessyExtracts {
  private MessyExtracts() {}

  static final String HEADER = "record_id,doc_type,doc_number,doc_country,full_name,citizenship,country_of_birth,sex,"
      + "birth_date,province,district,stay_category,registration_date,deregistration_date,record_status,last_updated\n";

  /** Raw document numbers used below; none may appear beyond bronze and quarantine. */
  static final String[] DOC_NUMBERS = {"B1234567", "B7654321", "C1111111", "E5550001", "F9990001", "X0000001", "K4444444"};

  static void write(Path input) throws IOException {
    Path res = Files.createDirectories(input.resolve("residents"));
    Path per = Files.createDirectories(input.resolve("permits"));
    Files.writeString(input.resolve("DEMO-pseudonym-key.txt"), "# demo key for tests\ndemo-test:0123456789abcdef0123456789abcdef\n");

    // January: full snapshot, with a BOM, quoted multi-line district, trailing spaces, gzip.
    gz(res.resolve("residents_2024-01_full.csv.gz"), "\uFEFF" + HEADER
        + "KH-R-1,PASSPORT,B1234567,IDN,Siti Aminah,IDN,IDN,F,01/02/1990,Phnom Penh,\"Sangkat BKK1,\nKhan Chamkarmon\",EB,05/01/2022,,A,05/01/2022 10:00:00\n"
        + "KH-R-2,P,b765-4321 ,ID,Budi Santoso,INDONESIA,IDN,M,15/07/1985,PHNOM PENH  ,Khan Daun Penh,EB,10/03/2023,,A,10/03/2023 09:00:00\n"
        + "KH-R-3,PASSPORT,C1111111,IDN,Dewi Lestari,IDN,,  ,,Preah Sihanouk,Mittapheap,EG,01/06/2023,,A,01/06/2023 08:00:00\n"
        + "KH-R-4,PASSPORT,E5550001,CHN,Wang Wei,CHN,CHN,M,20/11/1980,Phnom Penh,Khan 7 Makara,EB,01/01/2021,,A,01/01/2021 08:00:00\n",
        StandardCharsets.UTF_8);

    // February delta: a correction, an exact duplicate, an impossible date, an unknown citizenship,
    // a deletion, and a truncated last line.
    String feb = HEADER
        + "KH-R-1,PASSPORT,B1234567,IDN,Siti Aminah,IDN,IDN,F,01/02/1990,Preah Sihanouk,Mittapheap,EB,05/01/2022,,A,02/02/2024 11:00:00\n"
        + "KH-R-4,PASSPORT,E5550001,CHN,Wang Wei,CHN,CHN,M,20/11/1980,Phnom Penh,Khan 7 Makara,EB,01/01/2021,,A,01/01/2021 08:00:00\n"
        + "KH-R-5,PASSPORT,F9990001,IDN,Rina Wati,IDN,IDN,F,30/02/1995,Phnom Penh,Khan Sen Sok,EB,30/02/2024,,A,03/02/2024 08:00:00\n"
        + "KH-R-6,PASSPORT,X0000001,XXA,Nobody Known,ZZZ,,M,01/01/1990,Phnom Penh,Khan Sen Sok,EB,01/02/2024,,A,03/02/2024 08:00:00\n"
        + "KH-R-3,PASSPORT,C1111111,IDN,Dewi Lestari,IDN,,,,Preah Sihanouk,Mittapheap,EG,01/06/2023,,D,04/02/2024 08:00:00\n"
        + "KH-R-7,PASSPORT,K4444444,IDN,Trunc";
    gz(res.resolve("residents_2024-02_delta.csv.gz"), feb, StandardCharsets.UTF_8);
    // The same bytes re-sent under another name.
    Files.copy(res.resolve("residents_2024-02_delta.csv.gz"), res.resolve("residents_2024-02_delta_resend.csv.gz"));
    // An empty file.
    Files.write(res.resolve("residents_2024-03_delta.csv"), new byte[0]);
    // A Windows-1252 file (plain, not gzipped): a French resident named José.
    Files.write(res.resolve("residents_2024-03_delta_b.csv"), (HEADER
        + "KH-R-8,PASSPORT,FR123456,FRA,José Hélène,FRA,FRA,M,02/03/1970,Siem Reap,Svay Dangkum,ER,01/03/2024,,A,01/03/2024 08:00:00\n")
        .getBytes(Charset.forName("windows-1252")));

    // Permits: JSON lines.
    gz(per.resolve("permits_2024-01.jsonl.gz"), String.join("\n",
        permit("WP-1", "PASSPORT", "B1234567", "IDN", "EMPLOYMENT", "2023-06-01", "2024-05-31", "ISSUED", null, "2023-06-01T09:00:00"),
        permit("WP-2", "P", "B7654321", "IDN", "EMPLOYMENT", "2023-03-10", "2024-03-09", "ISSUED", null, "2023-03-10T09:00:00"),
        permit("WP-3", "PASSPORT", "E5550001", "CHN", "EMPLOYMENT", "2023-01-01", "2024-12-31", "ISSUED", null, "2023-01-01T09:00:00"),
        permit("WP-4", "PASSPORT", "B7654321", "IDN", "EMPLOYMENT", "2024-01-10", "2024-01-05", "ISSUED", null, "2024-01-10T09:00:00"))
        + "\n", StandardCharsets.UTF_8);
    gz(per.resolve("permits_2024-02.jsonl.gz"), String.join("\n",
        // WP-2 renewed as a new permit (gap under 6 months: not a first permit)
        permit("WP-5", "PASSPORT", "B7654321", "IDN", "EMPLOYMENT", "2024-03-10", "2025-03-09", "RENEWED", null, "2024-02-20T09:00:00"),
        // WP-3 revoked
        permit("WP-3", "PASSPORT", "E5550001", "CHN", "EMPLOYMENT", "2023-01-01", "2024-12-31", "REVOKED", "2024-02-15", "2024-02-15T09:00:00"),
        permit("WP-6", "PASSPORT", "C1111111", "IDN", "NOT_A_TYPE", "2024-02-01", "2025-01-31", "ISSUED", null, "2024-02-01T09:00:00"),
        "{\"permit_no\":\"WP-7\",\"holder_doc_type\":\"PASSPORT\",\"holder_doc_num"), StandardCharsets.UTF_8);
  }

  static String permit(String no, String docType, String doc, String country, String type, String from, String to,
                       String status, String statusDate, String updated) {
    return String.format("{\"permit_no\":\"%s\",\"holder_doc_type\":\"%s\",\"holder_doc_number\":\"%s\","
            + "\"holder_doc_country\":\"%s\",\"holder_name\":\"Someone\",\"employer\":\"PT Example\",\"sector_isic\":\"47\","
            + "\"occupation\":\"Clerk\",\"permit_type\":\"%s\",\"issue_date\":\"%s\",\"valid_from\":\"%s\",\"valid_to\":\"%s\","
            + "\"status\":\"%s\",\"status_date\":%s,\"last_updated\":\"%s\"}",
        // Issued on the day it was recorded (never after the file's extract date: rule issue_date_not_after_extract).
        no, docType, doc, country, type, updated.substring(0, 10).compareTo(from) < 0 ? updated.substring(0, 10) : from,
        from, to, status, statusDate == null ? "null" : "\"" + statusDate + "\"", updated);
  }

  private static void gz(Path p, String text, Charset cs) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(text.getBytes(cs));
    }
  }
}
