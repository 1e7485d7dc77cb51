package org.migstat.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The peer a user would race migstat against: DuckDB recomputing the gold tables from the raw extract files in
 * the input folder, with the same cleaning rules, in plain SQL a reader can audit
 * ({@code src/test/resources/bench/duckdb/*.sql}, run in name order). Nothing of migstat is used: this class
 * only lists the files, tells UTF-8 from Windows-1252 (as the pipeline's sniffer does) and declares one view of
 * raw text per source; the scripts do the rest. Persons are matched on the normalised document number that
 * migstat pseudonymises (the keyed hash is one-to-one on it, and only counts are compared).
 */
final class DuckPeer {
  /** The sources the peer reads, their folder and format. */
  enum Source {
    RESIDENTS("residents", false, "record_id,doc_type,doc_number,doc_country,full_name,citizenship,country_of_birth,sex,"
        + "birth_date,province,district,stay_category,registration_date,deregistration_date,record_status,last_updated"),
    PERMITS("permits", true, "permit_no,holder_doc_type,holder_doc_number,holder_doc_country,holder_name,employer,"
        + "sector_isic,occupation,permit_type,issue_date,valid_from,valid_to,status,status_date,last_updated"),
    CASES("cases", false, "no_kasus,jenis_dokumen,no_paspor,negara_penerbit,nama,jenis_kelamin,tanggal_lahir,"
        + "kewarganegaraan,provinsi_asal,jenis_kasus,status_korban,lembaga_penentu,saluran_rekrutmen,platform,"
        + "pekerjaan_dijanjikan,bentuk_eksploitasi,cara_kontrol,visa_masuk,jalur,provinsi_eksploitasi,tanggal_lapor,"
        + "tanggal_identifikasi,tanggal_bebas,tanggal_pulang,status_kasus,tahap_hukum,persetujuan,keterangan,"
        + "terakhir_diperbarui"),
    CROSSINGS("crossings", false,
        "event_id,doc_type,doc_number,doc_country,citizenship,direction,checkpoint,event_time,visa_type,last_updated");

    final String folder;
    final boolean jsonLines;
    final List<String> columns;

    Source(String folder, boolean jsonLines, String columns) {
      this.folder = folder;
      this.jsonLines = jsonLines;
      this.columns = List.of(columns.split(","));
    }
  }

  /** The gold tables the peer computes, in script order. */
  static final List<String> SCRIPTS = List.of("00_common.sql", "01_residents.sql", "02_permits.sql", "03_cases.sql",
      "04_crossings.sql", "10_residents_stock.sql", "11_permit_holders_stock.sql", "12_permit_coverage.sql",
      "13_first_permits.sql", "14_cases_by_month.sql", "15_border_flows.sql", "16_overstay.sql");

  /** One delivered file: its extract date (from its name), whether it is UTF-8, starts with a BOM, holds anything. */
  record ExtractFile(Source source, Path path, LocalDate extractDate, boolean utf8, boolean bom, boolean empty) {}

  /** A finished recomputation: seconds per script and the gold tables' rows (column name to value). */
  record Result(Map<String, Double> secondsPerScript, double seconds, Map<String, List<Map<String, Object>>> tables) {}

  private static final Pattern DATE_IN_NAME = Pattern.compile("_(\\d{4})-(\\d{2})(?:-(\\d{2}))?(?=[_.])");

  private DuckPeer() {}

  /** Lists the files of every source under the input folder (hidden and temporary files are not deliveries). */
  static List<ExtractFile> list(Path input) throws IOException {
    List<ExtractFile> files = new ArrayList<>();
    for (Source s : Source.values()) {
      Path dir = input.resolve(s.folder);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> listing = Files.list(dir)) {
        for (Path f : listing.filter(Files::isRegularFile).sorted().toList()) {
          String name = f.getFileName().toString();
          Matcher m = DATE_IN_NAME.matcher(name);
          if (!name.startsWith(s.folder + "_") || name.endsWith(".tmp") || !m.find()) {
            continue;
          }
          YearMonth ym = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
          LocalDate d = m.group(3) == null ? ym.atEndOfMonth() : ym.atDay(Integer.parseInt(m.group(3)));
          files.add(sniff(s, f, d));
        }
      }
    }
    return files;
  }

  private static ExtractFile sniff(Source s, Path f, LocalDate d) throws IOException {
    if (Files.size(f) == 0) {
      return new ExtractFile(s, f, d, true, false, true);
    }
    byte[] content;
    try (InputStream in = f.toString().endsWith(".gz")
        ? new GZIPInputStream(Files.newInputStream(f), 1 << 16) : Files.newInputStream(f)) {
      content = in.readAllBytes();
    }
    boolean utf8 = true;
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
    } catch (CharacterCodingException e) {
      utf8 = false;
    }
    boolean bom = content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB
        && (content[2] & 0xff) == 0xBF;
    return new ExtractFile(s, f, d, utf8, bom, content.length == 0);
  }

  /** Recomputes every gold table from the files, with {@code threads} DuckDB threads. */
  static Result run(List<ExtractFile> files, Path mappings, int threads) throws SQLException, IOException {
    Map<String, Double> perScript = new LinkedHashMap<>();
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("SET threads = " + threads);
      st.execute("CREATE TABLE extract_files (source VARCHAR, path VARCHAR, file_name VARCHAR, extract_date DATE)");
      for (ExtractFile f : files) {
        st.execute(String.format("INSERT INTO extract_files VALUES (%s, %s, %s, DATE '%s')", lit(f.source().folder),
            lit(f.path().toString()), lit(f.path().getFileName().toString()), f.extractDate()));
      }
      for (Source s : Source.values()) {
        st.execute("CREATE VIEW raw_" + s.folder + " AS " + rawSelect(s, files));
      }
      for (String script : SCRIPTS) {
        long t = System.nanoTime();
        String sql = resource(script).replace("{{mappings}}", mappings.toAbsolutePath().toString());
        st.execute(sql);
        perScript.put(script, (System.nanoTime() - t) / 1e9);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      try (ResultSet rs = st.executeQuery(
          "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'gold\\_%' ESCAPE '\\' ORDER BY 1")) {
        List<String> names = new ArrayList<>();
        while (rs.next()) {
          names.add(rs.getString(1));
        }
        for (String n : names) {
          tables.put(n.substring("gold_".length()), rows(st, "SELECT * FROM " + n));
        }
      }
      return new Result(perScript, seconds, tables);
    }
  }

  /**
   * The raw rows of a source as text, with file_name and extract_date. CSV through DuckDB's reader (a line it
   * cannot split is dropped); JSON lines through DuckDB's JSON reader, except files starting with a byte-order
   * mark, whose first line that reader cannot read: those are read line by line and parsed with json_extract.
   */
  private static String rawSelect(Source s, List<ExtractFile> all) {
    List<ExtractFile> files = all.stream().filter(f -> f.source() == s && !f.empty()).toList();
    String cols = s.columns.stream().map(c -> "CAST(NULL AS VARCHAR) AS " + c).collect(Collectors.joining(", "));
    List<String> parts = new ArrayList<>();
    parts.add("SELECT " + cols + ", CAST(NULL AS VARCHAR) AS filename WHERE false");
    if (s.jsonLines) {
      List<ExtractFile> plain = files.stream().filter(f -> !f.bom()).toList();
      List<ExtractFile> withBom = files.stream().filter(ExtractFile::bom).toList();
      if (!plain.isEmpty()) {
        String struct = s.columns.stream().map(c -> c + ": 'VARCHAR'").collect(Collectors.joining(", "));
        parts.add("SELECT " + String.join(", ", s.columns) + ", filename FROM read_json(" + paths(plain)
            + ", format = 'newline_delimited', ignore_errors = true, filename = true, columns = {" + struct + "})");
      }
      if (!withBom.isEmpty()) {
        String extract = s.columns.stream().map(c -> "json_extract_string(l, '$." + c + "') AS " + c)
            .collect(Collectors.joining(", "));
        parts.add("SELECT " + extract + ", filename FROM (SELECT ltrim(line, chr(65279)) AS l, filename FROM read_csv("
            + paths(withBom) + ", columns = {'line': 'VARCHAR'}, header = false, delim = chr(1), quote = '', escape = '',"
            + " auto_detect = false, filename = true, strict_mode = false)) WHERE json_valid(l) AND trim(l) <> ''");
      }
    } else {
      for (boolean utf8 : new boolean[] {true, false}) {
        List<ExtractFile> group = files.stream().filter(f -> f.utf8() == utf8).toList();
        if (!group.isEmpty()) {
          parts.add("SELECT " + String.join(", ", s.columns) + ", filename FROM read_csv(" + paths(group)
              + ", header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', ignore_errors = true,"
              + " filename = true, encoding = '" + (utf8 ? "utf-8" : "latin-1") + "')");
        }
      }
    }
    return "SELECT r.* EXCLUDE (filename), f.file_name, f.extract_date FROM ("
        + String.join(" UNION ALL ", parts) + ") r JOIN extract_files f ON f.path = r.filename";
  }

  private static String paths(List<ExtractFile> files) {
    return files.stream().map(f -> lit(f.path().toString())).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String lit(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String resource(String name) {
    try (InputStream in = DuckPeer.class.getResourceAsStream("/bench/duckdb/" + name)) {
      if (in == null) {
        throw new IllegalStateException("bench/duckdb/" + name + " is missing from the test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Map<String, Object>> rows(Statement st, String sql) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          row.put(md.getColumnName(i), v instanceof java.sql.Date d ? d.toLocalDate()
              : v instanceof java.time.LocalDate ? v
              : v instanceof Number n && !(v instanceof Double || v instanceof Float
                  || v instanceof java.math.BigDecimal) ? (Object) n.longValue()
              : v instanceof Float fl ? (Object) fl.doubleValue() : v);
        }
        out.add(row);
      }
    }
    return out;
  }

  /** Recomputes from an input folder and prints the row counts: {@code DuckPeer INPUT [MAPPINGS_DIR]}. */
  public static void main(String[] args) throws Exception {
    Path input = Path.of(args[0]);
    Path mappings = Path.of(args.length > 1 ? args[1] : "src/main/resources/mappings");
    Result r = run(list(input), mappings, 2);
    r.secondsPerScript().forEach((k, v) -> System.out.printf("%-30s %6.2f s%n", k, v));
    r.tables().forEach((k, v) -> System.out.printf("%-30s %,d rows%n", k, v.size()));
    System.out.printf("total %.1f s%n", r.seconds());
  }
}
