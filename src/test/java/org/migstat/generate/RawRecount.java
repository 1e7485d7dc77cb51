package org.migstat.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The independent recomputation from the raw extracts: plain Java, no Spark, no pipeline code and no
 * generator code. Reads data-samples/residents and data-samples/permits as any consumer must (gzip or
 * plain, BOM, Windows-1252 detected by a failing strict UTF-8 decode, quoted multi-line CSV, JSON
 * lines with a truncated last line) and applies the counting semantics of the calibration:
 * <ul>
 *   <li>final version per record (residents: record_id; permits: permit_no) = latest last_updated,
 *       ties to the later file, then the later line;</li>
 *   <li>the quarantine rules (see {@link #residentProblem} and {@link #permitProblem});</li>
 *   <li>a person = normalised doc type | doc country (alpha-3) | doc number.</li>
 * </ul>
 * Every value is trimmed before use. Codes are looked up in src/main/resources/mappings after
 * normalising: lower case, '-' and '_' as spaces, runs of spaces collapsed.
 */
public final class RawRecount {

  /** When the quarantine rules apply: before picking the latest version, or to the latest version. */
  public enum Order { QUARANTINE_FIRST, LATEST_FIRST }

  /**
   * Counts on one reference date, by citizenship (ISO alpha-3). Residents and permit holders are
   * distinct persons; {@code residentsHoldingPermit} are residents whose person key holds a permit.
   */
  public record Counts(LocalDate refDate, SortedMap<String, Integer> residents, SortedMap<String, Integer> permitHolders,
      SortedMap<String, Integer> residentsHoldingPermit, Quarantine quarantine) {
    public int residents(String iso3) {
      return residents.getOrDefault(iso3, 0);
    }

    public int permitHolders(String iso3) {
      return permitHolders.getOrDefault(iso3, 0);
    }

    public int residentsHoldingPermit(String iso3) {
      return residentsHoldingPermit.getOrDefault(iso3, 0);
    }

    public int totalResidents() {
      return residents.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** Rows read and rows failing a rule (each row counted once, under its first failing rule). */
  public record Quarantine(long residentRows, long permitRows, SortedMap<String, Integer> residentProblems,
      SortedMap<String, Integer> permitProblems) {}

  public static Counts recount(Path samplesDir, LocalDate refDate) {
    return read(samplesDir).at(refDate);
  }

  /** Reads and parses every extract once; count on as many dates (and in either order) as needed. */
  public static Extracts read(Path samplesDir) {
    Mappings m = Mappings.load();
    Extracts x = new Extracts();
    // Files are parsed in parallel; the rows keep file order (and carry their file index).
    List<Path> residentFiles = files(samplesDir.resolve("residents"));
    IntStream.range(0, residentFiles.size()).parallel().mapToObj(f -> readResidents(residentFiles.get(f), f, m))
        .toList().forEach(x.residentRows::addAll);
    List<Path> permitFiles = files(samplesDir.resolve("permits"));
    IntStream.range(0, permitFiles.size()).parallel().mapToObj(f -> readPermits(permitFiles.get(f), f, m))
        .toList().forEach(x.permitRows::addAll);
    return x;
  }

  /** Every parsed row of the extracts, and the final versions per order once asked for. */
  public static final class Extracts {
    private final List<Resident> residentRows = new ArrayList<>();
    private final List<Permit> permitRows = new ArrayList<>();
    private final Map<Order, Collection<Resident>> residents = new EnumMap<>(Order.class);
    private final Map<Order, Collection<Permit>> permits = new EnumMap<>(Order.class);

    public Counts at(LocalDate d) {
      return at(d, Order.QUARANTINE_FIRST);
    }

    public Counts at(LocalDate d, Order order) {
      Map<String, Set<String>> residentsBy = new TreeMap<>();
      for (Resident r : residents.computeIfAbsent(order, o -> finalVersions(residentRows, o))) {
        if (r.problem == null && r.status.equals("A") && !r.registered.isAfter(d)
            && (r.deregistered == null || r.deregistered.isAfter(d))) {
          residentsBy.computeIfAbsent(r.citizenship, k -> new HashSet<>()).add(r.person);
        }
      }
      Map<String, Set<String>> holdersBy = new TreeMap<>();
      Set<String> allHolders = new HashSet<>();
      for (Permit p : permits.computeIfAbsent(order, o -> finalVersions(permitRows, o))) {
        boolean valid = p.problem == null && !p.status.equals("CANCELLED")
            && !p.validFrom.isAfter(d) && !p.validTo.isBefore(d)
            && !p.validTo.isBefore(p.validFrom.plusMonths(3).minusDays(1))
            && !(p.status.equals("REVOKED") && p.statusDate.isBefore(d));
        if (valid) {
          holdersBy.computeIfAbsent(p.country, k -> new HashSet<>()).add(p.person);
          allHolders.add(p.person);
        }
      }
      SortedMap<String, Integer> res = new TreeMap<>();
      SortedMap<String, Integer> covered = new TreeMap<>();
      residentsBy.forEach((c, s) -> {
        res.put(c, s.size());
        covered.put(c, (int) s.stream().filter(allHolders::contains).count());
      });
      SortedMap<String, Integer> hold = new TreeMap<>();
      holdersBy.forEach((c, s) -> hold.put(c, s.size()));
      return new Counts(d, res, hold, covered, quarantine());
    }

    /**
     * Usual residents on a date by citizenship (UN, 12-month criterion): persons registered on the date whose
     * record registered last (ties: the larger record_id) was registered at least 12 calendar months earlier
     * (java.time's minusMonths: from 29 February a year back is 28 February). The person is classed by that
     * record's citizenship.
     */
    public SortedMap<String, Integer> usualResidents(LocalDate d) {
      Map<String, Resident> placing = new HashMap<>();
      for (Resident r : residents.computeIfAbsent(Order.QUARANTINE_FIRST, o -> finalVersions(residentRows, o))) {
        if (r.problem == null && r.status.equals("A") && !r.registered.isAfter(d)
            && (r.deregistered == null || r.deregistered.isAfter(d))) {
          placing.merge(r.person, r, (a, b) -> {
            int c = a.registered.compareTo(b.registered);
            return c != 0 ? (c > 0 ? a : b) : (a.key.compareTo(b.key) > 0 ? a : b);
          });
        }
      }
      SortedMap<String, Integer> usual = new TreeMap<>();
      LocalDate twelveMonthsEarlier = d.minusMonths(12);
      placing.values().stream().filter(r -> !r.registered.isAfter(twelveMonthsEarlier))
          .forEach(r -> usual.merge(r.citizenship, 1, Integer::sum));
      return usual;
    }

    public Quarantine quarantine() {
      SortedMap<String, Integer> rp = new TreeMap<>();
      residentRows.stream().filter(r -> r.problem != null).forEach(r -> rp.merge(r.problem, 1, Integer::sum));
      SortedMap<String, Integer> pp = new TreeMap<>();
      permitRows.stream().filter(p -> p.problem != null).forEach(p -> pp.merge(p.problem, 1, Integer::sum));
      return new Quarantine(residentRows.size(), permitRows.size(), rp, pp);
    }
  }

  /**
   * The final version of each key. QUARANTINE_FIRST drops failing rows, then keeps the latest;
   * LATEST_FIRST keeps the latest of all rows that can be ordered (key and last_updated readable),
   * and the rules then judge that version.
   */
  private static <T extends Versioned> Collection<T> finalVersions(List<T> rows, Order order) {
    Map<String, T> latest = new HashMap<>();
    for (T row : rows) {
      boolean usable = order == Order.QUARANTINE_FIRST
          ? row.problem() == null
          : row.key() != null && !row.key().isEmpty() && row.updated() != null;
      if (usable) {
        latest.merge(row.key(), row, (a, b) -> later(b, a) ? b : a);
      }
    }
    return latest.values();
  }

  /** What picking the final version needs to know of a row. */
  private interface Versioned {
    String key();

    LocalDateTime updated();

    int file();

    int line();

    String problem();
  }

  private static boolean later(Versioned a, Versioned b) {
    int c = a.updated().compareTo(b.updated());
    return c != 0 ? c > 0 : a.file() != b.file() ? a.file() > b.file() : a.line() > b.line();
  }

  // ---------------------------------------------------------------- residents

  private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DMY_TIME =
      DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

  private record Resident(String key, String person, String citizenship, LocalDate registered, LocalDate deregistered,
      String status, LocalDateTime updated, int file, int line, String problem) implements Versioned {}

  private static List<Resident> readResidents(Path file, int fileIndex, Mappings m) {
    String text = decode(bytes(file));
    if (text.isEmpty()) {
      return List.of();
    }
    List<RfcCsv.Record> records = RfcCsv.parse(text);
    List<String> header = records.get(0).fields().stream().map(String::trim).toList();
    List<Resident> rows = new ArrayList<>(records.size());
    LocalDate extract = extractDate(file);
    for (RfcCsv.Record rec : records.subList(1, records.size())) {
      rows.add(resident(rec, header, fileIndex, m, extract));
    }
    return rows;
  }

  private static Resident resident(RfcCsv.Record rec, List<String> header, int file, Mappings m, LocalDate extract) {
    if (rec.malformed() || rec.fields().size() != header.size()) {
      return new Resident(null, null, null, null, null, null, null, file, rec.line(), "malformed record");
    }
    String id = value(rec, header, "record_id");
    String number = value(rec, header, "doc_number");
    String citizenship = m.country(value(rec, header, "citizenship"));
    LocalDate registered = date(DMY, value(rec, header, "registration_date"));
    String deregText = value(rec, header, "deregistration_date");
    LocalDate deregistered = date(DMY, deregText);
    String birthText = value(rec, header, "birth_date");
    LocalDate birth = date(DMY, birthText);
    String status = value(rec, header, "record_status");
    LocalDateTime updated = timestamp(DMY_TIME, value(rec, header, "last_updated"));
    String country = m.country(value(rec, header, "doc_country"));
    String person = docType(value(rec, header, "doc_type")) + "|"
        + (country != null ? country : value(rec, header, "doc_country").toUpperCase(Locale.ROOT)) + "|" + docNumber(number);
    String problem = null;
    if (id.isEmpty()) {
      problem = "record_id blank";
    } else if (number.isEmpty()) {
      problem = "doc_number blank";
    } else if (citizenship == null) {
      problem = "citizenship unknown";
    } else if (registered == null) {
      problem = "registration_date invalid";
    } else if (!deregText.isEmpty() && (deregistered == null || deregistered.isBefore(registered))) {
      problem = "deregistration_date invalid or before registration";
    } else if (!birthText.isEmpty() && (birth == null || birth.isAfter(registered))) {
      problem = "birth_date invalid or after registration";
    } else if (!m.province(value(rec, header, "province"))) {
      problem = "province unknown";
    } else if (!status.equals("A") && !status.equals("D")) {
      problem = "record_status invalid";
    } else if (updated == null) {
      problem = "last_updated invalid";
    } else if (registered.isAfter(extract.plusDays(TOLERANCE_DAYS))) {
      problem = "registration_date after the extract date";
    } else if (birth != null && birth.isBefore(EARLIEST_BIRTH)) {
      problem = "birth_date before 1900";
    } else if (updated.toLocalDate().isAfter(extract.plusDays(TOLERANCE_DAYS))) {
      problem = "last_updated after the extract date";
    }
    return new Resident(id, person, citizenship, registered, deregistered, status, updated, file, rec.line(), problem);
  }

  private static String value(RfcCsv.Record rec, List<String> header, String column) {
    int i = header.indexOf(column);
    if (i < 0) {
      throw new IllegalStateException("no column " + column + " in " + header);
    }
    return rec.fields().get(i).trim();
  }

  // ---------------------------------------------------------------- permits

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Permit(String key, String person, String country, LocalDate validFrom, LocalDate validTo,
      String status, LocalDate statusDate, LocalDateTime updated, int file, int line, String problem)
      implements Versioned {}

  private static List<Permit> readPermits(Path file, int fileIndex, Mappings m) {
    String[] lines = decode(bytes(file)).split("\n", -1);
    List<Permit> rows = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        rows.add(permit(lines[i], fileIndex, i + 1, m, extractDate(file)));
      }
    }
    return rows;
  }

  private static Permit permit(String line, int file, int lineNo, Mappings m, LocalDate extract) {
    JsonNode o;
    try {
      o = JSON.readTree(line);
    } catch (IOException e) {
      o = null;
    }
    if (o == null || !o.isObject()) {
      return new Permit(null, null, null, null, null, null, null, null, file, lineNo, "invalid JSON");
    }
    String permitNo = text(o, "permit_no");
    String number = text(o, "holder_doc_number");
    String country = m.country(text(o, "holder_doc_country"));
    String type = text(o, "permit_type").toUpperCase(Locale.ROOT);
    LocalDate issued = date(DateTimeFormatter.ISO_LOCAL_DATE, text(o, "issue_date"));
    LocalDate from = date(DateTimeFormatter.ISO_LOCAL_DATE, text(o, "valid_from"));
    LocalDate to = date(DateTimeFormatter.ISO_LOCAL_DATE, text(o, "valid_to"));
    String status = text(o, "status").toUpperCase(Locale.ROOT);
    LocalDate statusDate = date(DateTimeFormatter.ISO_LOCAL_DATE, text(o, "status_date"));
    LocalDateTime updated = timestamp(DateTimeFormatter.ISO_LOCAL_DATE_TIME, text(o, "last_updated"));
    String problem = null;
    if (permitNo.isEmpty()) {
      problem = "permit_no blank";
    } else if (number.isEmpty()) {
      problem = "holder_doc_number blank";
    } else if (country == null) {
      problem = "holder_doc_country unknown";
    } else if (!m.permitTypes.contains(type)) {
      problem = "permit_type unknown";
    } else if (issued == null || from == null || to == null) {
      problem = "issue_date, valid_from or valid_to invalid";
    } else if (to.isBefore(from)) {
      problem = "valid_to before valid_from";
    } else if (!List.of("ISSUED", "RENEWED", "REVOKED", "CANCELLED").contains(status)) {
      problem = "status unknown";
    } else if ((status.equals("REVOKED") || status.equals("CANCELLED")) && statusDate == null) {
      problem = "status_date invalid";
    } else if (updated == null) {
      problem = "last_updated invalid";
    } else if (issued.isAfter(extract.plusDays(TOLERANCE_DAYS))) {
      problem = "issue_date after the extract date";
    } else if (updated.toLocalDate().isAfter(extract.plusDays(TOLERANCE_DAYS))) {
      problem = "last_updated after the extract date";
    }
    String person = docType(text(o, "holder_doc_type")) + "|" + country + "|" + docNumber(number);
    return new Permit(permitNo, person, country, from, to, status, statusDate, updated, file, lineNo, problem);
  }

  private static String text(JsonNode o, String key) {
    JsonNode v = o.get(key);
    return v == null || v.isNull() ? "" : v.asText().trim();
  }

  // ---------------------------------------------------------------- shared

  /** The plausibility windows of mappings/plausibility.csv (its defaults). */
  static final int TOLERANCE_DAYS = 1;
  static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

  /** The extract date a file name carries: the last day of a _YYYY-MM month, or the day of a _YYYY-MM-DD. */
  static LocalDate extractDate(Path file) {
    java.util.regex.Matcher d = java.util.regex.Pattern.compile("_(\\d{4})-(\\d{2})(?:-(\\d{2}))?(?=[_.])")
        .matcher(file.getFileName().toString());
    if (!d.find()) {
      throw new IllegalStateException("no extract date in " + file);
    }
    java.time.YearMonth ym = java.time.YearMonth.of(Integer.parseInt(d.group(1)), Integer.parseInt(d.group(2)));
    return d.group(3) == null ? ym.atEndOfMonth() : ym.atDay(Integer.parseInt(d.group(3)));
  }

  static String docType(String raw) {
    String t = raw.trim().toUpperCase(Locale.ROOT);
    return t.equals("P") || t.equals("PASSPORT") ? "PASSPORT" : t;
  }

  static String docNumber(String raw) {
    return raw.toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "");
  }

  private static LocalDate date(DateTimeFormatter f, String s) {
    try {
      return s.isEmpty() ? null : LocalDate.parse(s, f);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static LocalDateTime timestamp(DateTimeFormatter f, String s) {
    try {
      return s.isEmpty() ? null : LocalDateTime.parse(s, f);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Files of a folder in extract order: their names start with the month, so name order it is. */
  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readAllBytes();
      if (file.getFileName().toString().endsWith(".gz")) {
        try (GZIPInputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
          return gz.readAllBytes();
        }
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  /** UTF-8 (BOM dropped) if it decodes strictly, Windows-1252 otherwise. */
  static String decode(byte[] bytes) {
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
        ? 3 : 0;
    ByteBuffer buf = ByteBuffer.wrap(bytes, start, bytes.length - start);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buf).toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, start, bytes.length - start, Charset.forName("windows-1252"));
    }
  }

  /** The shared code lists, read from src/main/resources/mappings (on the test classpath). */
  static final class Mappings {
    final Map<String, String> countries = new HashMap<>();
    final Set<String> provinces = new HashSet<>();
    final Set<String> permitTypes = new HashSet<>();

    static Mappings load() {
      Mappings m = new Mappings();
      for (List<String> row : csv("citizenship.csv")) {
        m.countries.put(normalise(row.get(0)), row.get(1));
      }
      for (List<String> row : csv("province.csv")) {
        m.provinces.add(normalise(row.get(0)));
      }
      for (List<String> row : csv("permit_reason.csv")) {
        m.permitTypes.add(row.get(1).trim().toUpperCase(Locale.ROOT));
      }
      return m;
    }

    /** Raw spellings seen so far and their answer: the extracts use few distinct spellings. */
    private final Map<String, String> countryMemo = new ConcurrentHashMap<>();
    private final Map<String, Boolean> provinceMemo = new ConcurrentHashMap<>();

    String country(String raw) {
      return countryMemo.computeIfAbsent(raw, k -> countries.getOrDefault(normalise(k), "")).transform(
          c -> c.isEmpty() ? null : c);
    }

    boolean province(String raw) {
      return provinceMemo.computeIfAbsent(raw, k -> !k.isBlank() && provinces.contains(normalise(k)));
    }

    /** Rows without the header. */
    static List<List<String>> csv(String name) {
      try (InputStream in = RawRecount.class.getResourceAsStream("/mappings/" + name)) {
        if (in == null) {
          throw new IllegalStateException("mapping not on the classpath: " + name);
        }
        List<RfcCsv.Record> records = RfcCsv.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        List<List<String>> rows = new ArrayList<>();
        for (RfcCsv.Record r : records.subList(1, records.size())) {
          rows.add(r.fields());
        }
        return rows;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The normalisation the mapping files are keyed by. */
  static String normalise(String raw) {
    return raw.trim().toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ').replaceAll("\\s+", " ");
  }

  private RawRecount() {}
}
