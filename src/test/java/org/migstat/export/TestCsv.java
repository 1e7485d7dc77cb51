package org.migstat.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads an exported CSV file in the tests with the project's one CSV library (RFC 4180, CRLF or LF). */
final class TestCsv {
  private TestCsv() {}

  static List<List<String>> read(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (CSVParser p = CSVParser.parse(Files.readString(file, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
      for (CSVRecord r : p) {
        rows.add(new ArrayList<>(r.toList()));
      }
    }
    return rows;
  }
}
