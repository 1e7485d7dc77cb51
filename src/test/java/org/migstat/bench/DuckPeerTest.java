package org.migstat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DuckDB peer of the benchmark reads raw extracts the way the pipeline does: a UTF-8 file with a byte-order
 * mark and a quoted field across lines, a Windows-1252 file, a truncated last line, a JSON-lines file whose first
 * line follows a byte-order mark, a later version of a record, a quarantined date. No Spark: DuckDB only.
 */
class DuckPeerTest {
  private static final String RESIDENT_HEADER = "record_id,doc_type,doc_number,doc_country,full_name,citizenship,"
      + "country_of_birth,sex,birth_date,province,district,stay_category,registration_date,deregistration_date,"
      + "record_status,last_updated\n";

  @TempDir
  Path input;

  @Test
  void recomputesStocksAndFlowsFromRawFiles() throws Exception {
    Path residents = Files.createDirectories(input.resolve("residents"));
    Files.writeString(residents.resolve("residents_2024-01_full.csv"), "\uFEFF" + RESIDENT_HEADER
        + "KH-R-1,PASSPORT,A123,IDN,ADI,IDN,IDN,M,01/01/1990,Phnom Penh,\"Phum 1\nSangkat 2, Khan 3\",EB,01/01/2020,,A,"
        + "05/01/2024 10:00:00\n"
        // deregistered before the month end: not in the stock
        + "KH-R-2,P,B-456,ID,SITI,Indonesian,,F,,PP,,EB,01/06/2023,15/01/2024,A,05/01/2024 10:00:00\n"
        // an impossible date: quarantined
        + "KH-R-3,PASSPORT,C789,CHN,LI,CHN,CHN,M,01/01/1980,PP,,EB,30/02/2024,,A,05/01/2024 10:00:00\n"
        // a truncated last line
        + "KH-R-4,PASSPORT,D1,IDN,NA", StandardCharsets.UTF_8);
    // Windows-1252 (not UTF-8): the record would be lost if the file were read as UTF-8. A later version of KH-R-1
    // moves the person to Siem Reap on every date.
    Files.write(residents.resolve("residents_2024-02_delta.csv"), (RESIDENT_HEADER
        + "KH-R-5,PASSPORT,E55,FRA,C\u00c9LINE MERCIER,FRA,FRA,F,24/01/1995,Phnom Penh,,EG,12/03/2016,,A,"
        + "03/02/2024 09:00:00\n"
        + "KH-R-1,PASSPORT,A123,IDN,ADI,IDN,IDN,M,01/01/1990,Siem Reap,,EB,01/01/2020,,A,10/02/2024 10:00:00\n")
        .getBytes("windows-1252"));
    Path permits = Files.createDirectories(input.resolve("permits"));
    Files.writeString(permits.resolve("permits_2024-01.jsonl"), "\uFEFF"
        + "{\"permit_no\":\"WP-1\",\"holder_doc_type\":\"PASSPORT\",\"holder_doc_number\":\"A 123\","
        + "\"holder_doc_country\":\"IDN\",\"holder_name\":\"ADI\",\"employer\":\"X\",\"sector_isic\":\"47\","
        + "\"occupation\":\"Clerk\",\"permit_type\":\"EMPLOYMENT\",\"issue_date\":\"2024-01-02\","
        + "\"valid_from\":\"2024-01-05\",\"valid_to\":\"2025-01-04\",\"status\":\"ISSUED\",\"status_date\":\"2024-01-02\","
        + "\"last_updated\":\"2024-01-02T10:00:00\"}\n"
        + "{\"permit_no\":\"WP-2\",\"holder_doc_type\":\"PASSPORT\",\"holder_doc_numb\n", StandardCharsets.UTF_8);
    Files.createFile(permits.resolve("permits_2024-02.jsonl")); // an empty delivery

    List<DuckPeer.ExtractFile> files = DuckPeer.list(input);
    assertEquals(4, files.size());
    DuckPeer.Result r = DuckPeer.run(files, Path.of("src/main/resources/mappings"), 2);

    Map<String, Long> coverage = new TreeMap<>();
    for (Map<String, Object> row : r.tables().get("permit_coverage")) {
      coverage.put(row.get("ref_date") + " " + row.get("citizenship"), (Long) row.get("residents") * 100
          + (Long) row.get("permit_holders") * 10 + (Long) row.get("permit_holders_resident"));
    }
    // residents, holders, resident holders as three digits
    assertEquals(Map.of("2024-01-31 FRA", 100L, "2024-01-31 IDN", 111L, "2024-02-29 FRA", 100L, "2024-02-29 IDN", 111L),
        coverage);
    List<Object> provinces = r.tables().get("residents_stock").stream()
        .filter(row -> "IDN".equals(row.get("citizenship"))).map(row -> row.get("province")).distinct().toList();
    assertEquals(List.of("KH-17"), provinces, "the latest version of KH-R-1 places the person in Siem Reap");
    List<Map<String, Object>> first = r.tables().get("first_permits");
    assertEquals(1, first.size());
    assertEquals(LocalDate.of(2024, 1, 1), first.get(0).get("period_start"));
    assertEquals(List.of("IDN", "Employment", "12m+", 1L, 1L), List.of(first.get(0).get("citizenship"),
        first.get(0).get("reason"), first.get(0).get("validity_class"), first.get(0).get("persons"),
        first.get(0).get("permits")));
    assertEquals(List.of(), r.tables().get("cases_by_month"), "no case files: no rows, no error");
  }
}
