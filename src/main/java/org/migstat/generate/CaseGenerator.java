package org.migstat.generate;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Protection and trafficking cases as the Indonesian embassy's protection unit extracts them
 * (cases/cases_YYYY-MM.csv.gz, 2021-01 .. 2024-12): Indonesian field names and codes, one row per
 * version of a case, each version in the file of the month it was saved. A case is reported, then
 * screened (identified, or found not a victim), released, repatriated, and sometimes followed
 * through the courts; each step is a new version of the whole row.
 *
 * <p>Calibrated exactly (scale 1, all files loaded, after the quality rules): 2,946 cases reported
 * January–November 2024, of which 2,259 online-scam related; 168 in 2021, 1,126 in 2022, 1,835 in
 * 2023. At scale N every figure is multiplied by N. Some case persons are residents of the host
 * registry (same passport, derived with {@link People#person} exactly as the resident generator
 * derives them); the others have documents from a number range no resident uses.
 *
 * <p>The nested classes {@link Gz}, {@link Monthly} and {@link Residents} are shared by
 * {@link BorderGenerator} and {@link EmbassyGenerator}.
 */
public final class CaseGenerator {
  private CaseGenerator() {}

  static final String FOLDER = "cases";
  static final YearMonth FIRST_MONTH = YearMonth.of(2021, 1);
  static final Mess MESS = new Mess(YearMonth.of(2022, 8), YearMonth.of(2023, 5), YearMonth.of(2022, 6),
      YearMonth.of(2023, 10));

  static final String[] HEADER = org.migstat.catalog.CaseTables.CASE_RAW_COLUMNS.split(",");
  static final int NO_KASUS = 0, JENIS_DOKUMEN = 1, NO_PASPOR = 2, NEGARA_PENERBIT = 3, NAMA = 4, JENIS_KELAMIN = 5,
      TANGGAL_LAHIR = 6, KEWARGANEGARAAN = 7, PROVINSI_ASAL = 8, JENIS_KASUS = 9, STATUS_KORBAN = 10,
      LEMBAGA = 11, SALURAN = 12, PLATFORM = 13, PEKERJAAN = 14, BENTUK = 15, CARA_KONTROL = 16, VISA = 17, JALUR = 18,
      PROVINSI_EKSPLOITASI = 19, TANGGAL_LAPOR = 20, TANGGAL_IDENTIFIKASI = 21, TANGGAL_BEBAS = 22, TANGGAL_PULANG = 23,
      STATUS_KASUS = 24, TAHAP_HUKUM = 25, PERSETUJUAN = 26, KETERANGAN = 27, TERAKHIR_DIPERBARUI = 28;

  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss");

  // ---- calibration: cases reported per month at scale 1 (all / online-scam related) --------------

  /** Cases reported per year; 2024 is January–November plus December. */
  static final int[][] YEAR_TOTALS = {{2021, 168, 37}, {2022, 1_126, 653}, {2023, 1_835, 1_303}};
  static final int JAN_NOV_2024 = 2_946;
  static final int JAN_NOV_2024_SCAM = 2_259;
  static final int DEC_2024 = 262;
  static final int DEC_2024_SCAM = 201;
  private static final double[][] MONTH_WEIGHTS = {
      {1.0, 1.1, 1.2, 1.3, 1.5, 1.6, 1.7, 1.9, 2.0, 2.1, 2.3, 2.4},
      {3, 3, 4, 4, 5, 6, 8, 12, 14, 12, 9, 7},
      {8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 12, 13},
      {10, 11, 12, 13, 14, 14, 15, 15, 14, 13, 12}};
  /** Scale-1 counts per month from 2021-01 (48 months): all cases, and the scam-related among them. */
  static final int[] TOTAL_BY_MONTH = new int[48];
  static final int[] SCAM_BY_MONTH = new int[48];

  static {
    for (int y = 0; y < 3; y++) {
      int[] t = allocate(YEAR_TOTALS[y][1], MONTH_WEIGHTS[y]);
      int[] s = allocate(YEAR_TOTALS[y][2], MONTH_WEIGHTS[y]);
      System.arraycopy(t, 0, TOTAL_BY_MONTH, 12 * y, 12);
      System.arraycopy(s, 0, SCAM_BY_MONTH, 12 * y, 12);
    }
    System.arraycopy(allocate(JAN_NOV_2024, MONTH_WEIGHTS[3]), 0, TOTAL_BY_MONTH, 36, 11);
    System.arraycopy(allocate(JAN_NOV_2024_SCAM, MONTH_WEIGHTS[3]), 0, SCAM_BY_MONTH, 36, 11);
    TOTAL_BY_MONTH[47] = DEC_2024;
    SCAM_BY_MONTH[47] = DEC_2024_SCAM;
    for (int m = 0; m < 48; m++) {
      if (SCAM_BY_MONTH[m] > TOTAL_BY_MONTH[m]) {
        throw new IllegalStateException("more scam cases than cases in month " + FIRST_MONTH.plusMonths(m));
      }
    }
  }

  /** Junk cases (one invalid version each) and junk corrections of real cases, per scale. */
  static final int JUNK_CASES_PER_SCALE = 60;
  static final double JUNK_CORRECTION = 0.006;
  /** Share of real cases entered a second time under another number, then cancelled as a duplicate. */
  static final double CANCELLED_TWIN = 0.012;
  static final double LINKED_TO_RESIDENT = 0.08;
  static final double REPEAT_VICTIM = 0.02;
  static final double DUPLICATE_ROWS = 0.005;

  private static final long CASE_SALT = 0x4341_5345_5331L;
  private static final long PERSON_SALT = 0x4341_5345_5032L;
  private static final long JUNK_SALT = 0x4341_5345_4A33L;

  /**
   * Writes cases/ under {@code out}. Deterministic byte for byte for a (scale, seed); streaming.
   *
   * @return named figures: files, rows, bytes, cases written, and the calibrated counts
   */
  public static Map<String, Long> generate(int scale, long seed, Path out, Consumer<String> progress)
      throws IOException {
    if (scale < 1) {
      throw new IllegalArgumentException("scale must be at least 1, got " + scale);
    }
    long t0 = System.nanoTime();
    clear(out.resolve(FOLDER));
    Residents residents = new Residents(scale, seed);
    CaseGenerator.Run run = new CaseGenerator.Run(scale, seed, residents);
    Monthly files = new Monthly(out, FOLDER, "cases_%s.csv", FIRST_MONTH, Span.LAST_MONTH, line(HEADER), MESS,
        false);
    long total = totalCases(scale);
    long step = Math.max(1, total / 5);
    for (long k = 0; k < total; k++) {
      run.realCase(k, files);
      if ((k + 1) % step == 0) {
        progress.accept(String.format("cases: %d of %d", k + 1, total));
      }
    }
    for (long j = 0; j < (long) JUNK_CASES_PER_SCALE * scale; j++) {
      run.junkCase(j, files);
    }
    files.close();
    Map<String, Long> result = new LinkedHashMap<>();
    result.putAll(files.stats("cases"));
    result.put("cases.real", total);
    result.put("cases.linked_to_residents", run.linked);
    result.put("cases.repeat_victims", run.repeats);
    result.put("cases.cancelled_twins", run.twins);
    result.put("cases.junk", (long) JUNK_CASES_PER_SCALE * scale);
    result.put("cases.junk_corrections", run.junkCorrections);
    result.put("cases.reported_2021", sum(TOTAL_BY_MONTH, 0, 12) * (long) scale);
    result.put("cases.reported_2022", sum(TOTAL_BY_MONTH, 12, 24) * (long) scale);
    result.put("cases.reported_2023", sum(TOTAL_BY_MONTH, 24, 36) * (long) scale);
    result.put("cases.reported_2024_jan_nov", (long) JAN_NOV_2024 * scale);
    result.put("cases.scam_related_2024_jan_nov", (long) JAN_NOV_2024_SCAM * scale);
    result.put("cases.millis", (System.nanoTime() - t0) / 1_000_000);
    progress.accept(String.format("cases: %,d cases in %d files, %,d bytes", total, result.get("cases.files"),
        result.get("cases.bytes")));
    return result;
  }

  static long totalCases(int scale) {
    return (long) sum(TOTAL_BY_MONTH, 0, 48) * scale;
  }

  private static int sum(int[] a, int from, int to) {
    int s = 0;
    for (int i = from; i < to; i++) {
      s += a[i];
    }
    return s;
  }

  /** Where case {@code k} (global index in report order) falls: its month, position, and whether it is scam-related. */
  record Slot(YearMonth month, long position, long inMonth, boolean scam, LocalDate reported) {}

  static Slot slot(int scale, long k) {
    long before = 0;
    for (int m = 0; m < 48; m++) {
      long n = (long) TOTAL_BY_MONTH[m] * scale;
      if (k < before + n) {
        long j = k - before;
        long s = (long) SCAM_BY_MONTH[m] * scale;
        // Bresenham: exactly s of the n cases of the month are scam-related, spread evenly.
        boolean scam = (j + 1) * s / n > j * s / n;
        YearMonth ym = FIRST_MONTH.plusMonths(m);
        int day = (int) ((j * 2 + 1) * ym.lengthOfMonth() / (2 * n)) + 1;
        return new Slot(ym, j, n, scam, ym.atDay(day));
      }
      before += n;
    }
    throw new IllegalArgumentException("no case " + k);
  }

  // ---- one run ------------------------------------------------------------------------------------

  /** One later save of a case: when, in which order when simultaneous, and what it changes. */
  private record Event(LocalDateTime at, int order, Consumer<String[]> change) {}

  /** Who a case is about, as the protection unit records them. */
  record Who(String docNumber, String name, String sex, LocalDate birth, boolean resident, int origin) {}

  private static final class Run {
    final int scale;
    final long seed;
    final Residents residents;
    final long freshBase;
    final int[] yearSerial = new int[5];
    long linked;
    long repeats;
    long twins;
    long junkCorrections;

    Run(int scale, long seed, Residents residents) {
      this.scale = scale;
      this.seed = seed;
      this.residents = residents;
      this.freshBase = residents.caseBase();
    }

    String caseNo(int year) {
      int serial = ++yearSerial[year - 2021];
      return "KBRI-PNH/" + year + "/" + Ids.pad(serial, 5);
    }

    /** For a repeat victim, the earlier case whose person this case is about; -1 otherwise. */
    long earlierCase(long k) {
      Rng r = Rng.of(seed ^ PERSON_SALT, k);
      return k >= 60 && r.chance(REPEAT_VICTIM) ? k - r.between(15, 60) : -1;
    }

    /** The person of case k: a repeat victim is the person of an earlier case; else a resident or a new person. */
    Who who(long k) {
      long earlier = earlierCase(k);
      if (earlier >= 0) {
        return who(earlier);
      }
      Rng r = Rng.of(seed ^ PERSON_SALT, k);
      r.chance(REPEAT_VICTIM);
      LocalDate reported = slot(scale, k).reported();
      int origin = CaseGenerator.origin(r);
      if (r.chance(LINKED_TO_RESIDENT)) {
        for (int attempt = 0; attempt < 8; attempt++) {
          Resident res = residents.pick(seed ^ PERSON_SALT, k, attempt);
          if (res.passport() && !res.registered().isAfter(reported.minusDays(14))
              && (res.left() == null || res.left().isAfter(reported.minusDays(365)))) {
            Person p = res.person();
            return new Who(p.docNumber(), p.name(), p.sex(), p.birth(), true, origin);
          }
        }
      }
      String sex = r.chance(0.03) ? "" : r.chance(0.64) ? "M" : "F";
      int age = r.chance(0.025) ? r.between(15, 17) : 18 + (r.between(0, 22) + r.between(0, 22)) / 2 + r.between(0, 6);
      LocalDate birth = reported.minusYears(age).minusDays(r.between(0, 364));
      long index = freshBase + k;
      return new Who(Nationality.IDN.docNumber(index), Names.full(r, Nationality.IDN, sex), sex,
          r.chance(0.05) ? null : birth, false, origin);
    }

    void realCase(long k, Monthly files) throws IOException {
      Slot s = slot(scale, k);
      Rng r = Rng.of(seed ^ CASE_SALT, k);
      Who who = who(k);
      if (earlierCase(k) >= 0) {
        repeats++;
      } else if (who.resident()) {
        linked++;
      }
      String no = caseNo(s.reported().getYear());
      List<String[]> versions = history(r, s, who, no);
      boolean junkCorrection = r.chance(JUNK_CORRECTION);
      for (String[] v : versions) {
        writeVersion(r, files, v);
      }
      if (junkCorrection) {
        String[] last = versions.get(versions.size() - 1).clone();
        LocalDateTime at = LocalDateTime.parse(last[TERAKHIR_DIPERBARUI], TIME).plusDays(r.between(1, 20));
        if (!at.isAfter(Span.HORIZON)) {
          // A later save with a code the mapping does not know: quarantined, the earlier version stands.
          switch (r.between(0, 2)) {
            case 0 -> last[PEKERJAAN] = r.pick(new String[] {"MODEL", "HOST LIVE STREAMING", "PEMANDU KARAOKE"});
            case 1 -> last[PLATFORM] = join(r, List.of("FACEBOOK", r.pick(new String[] {"MICHAT", "FRIENDSTER"})));
            default -> last[CARA_KONTROL] = join(r, List.of("PASPOR_DITAHAN", r.pick(new String[] {"DIKURUNG", "DIJUAL"})));
          }
          last[TERAKHIR_DIPERBARUI] = TIME.format(at);
          files.write(at, line(last), false);
          junkCorrections++;
        }
      }
      if (r.chance(CANCELLED_TWIN)) {
        // The same report entered again under a new number, cancelled as a duplicate a few days later.
        String[] twin = versions.get(0).clone();
        twin[NO_KASUS] = caseNo(s.reported().getYear());
        LocalDateTime at = LocalDateTime.parse(twin[TERAKHIR_DIPERBARUI], TIME).plusHours(r.between(1, 60));
        twin[TERAKHIR_DIPERBARUI] = TIME.format(at);
        files.write(at, line(twin), false);
        twin = twin.clone();
        twin[STATUS_KASUS] = spell(r, "DIBATALKAN", "BATAL", "DUPLIKAT");
        twin[KETERANGAN] = "Duplikat dari " + no;
        at = at.plusDays(r.between(2, 20));
        twin[TERAKHIR_DIPERBARUI] = TIME.format(at);
        files.write(at, line(twin), false);
        twins++;
      }
    }

    private void writeVersion(Rng r, Monthly files, String[] v) throws IOException {
      LocalDateTime at = LocalDateTime.parse(v[TERAKHIR_DIPERBARUI], TIME);
      if (!at.isAfter(Span.HORIZON)) {
        files.write(at, line(v), r.chance(DUPLICATE_ROWS));
      }
    }

    /** All versions of a real case, in the order they were saved. */
    private List<String[]> history(Rng r, Slot s, Who who, String no) {
      String[] v = new String[HEADER.length];
      Arrays.fill(v, "");
      LocalDate d = s.reported();
      v[NO_KASUS] = no;
      v[JENIS_DOKUMEN] = pickWeighted(r, new String[] {"PASPOR", "P", "PASSPORT", "PASPOR "}, 85, 5, 7, 3);
      v[NO_PASPOR] = docNumber(r, who.docNumber());
      v[NEGARA_PENERBIT] = pickWeighted(r, new String[] {"IDN", "INDONESIA", "RI", "ID"}, 80, 10, 5, 5);
      v[NAMA] = who.name().toUpperCase(Locale.ROOT) + (r.chance(0.03) ? " " : "");
      String sex = who.sex().isEmpty() ? "" : who.sex().equals("M")
          ? pickWeighted(r, new String[] {"L", "LAKI-LAKI", "Laki-laki", "L "}, 85, 6, 6, 3)
          : pickWeighted(r, new String[] {"P", "PEREMPUAN", "Perempuan", "P "}, 85, 6, 6, 3);
      v[JENIS_KELAMIN] = sex;
      v[TANGGAL_LAHIR] = who.birth() == null ? "" : DATE.format(who.birth());
      v[KEWARGANEGARAAN] = pickWeighted(r, new String[] {"WNI", "IDN", "INDONESIA", "Indonesia", "WNI "}, 48, 30, 14, 5, 3);
      v[PROVINSI_ASAL] = r.chance(0.07) ? "" : spellOrigin(r, who.origin());
      Profile p = s.scam() ? scamProfile(r) : otherProfile(r, who);
      v[JENIS_KASUS] = p.type;
      v[SALURAN] = p.recruitment;
      v[PLATFORM] = p.platforms;
      v[PEKERJAAN] = p.lure;
      v[BENTUK] = p.exploitation;
      v[CARA_KONTROL] = p.control;
      v[VISA] = p.visa;
      v[JALUR] = p.route;
      v[PROVINSI_EKSPLOITASI] = p.province;
      v[TANGGAL_LAPOR] = DATE.format(d);
      v[STATUS_KORBAN] = spell(r, "DIDUGA", "DIDUGA_KORBAN", "TERDUGA");
      v[STATUS_KASUS] = spell(r, "AKTIF", "BARU", "DITANGANI");
      v[PERSETUJUAN] = pickWeighted(r, new String[] {"Y", "YA", "T", "TIDAK", ""}, 78, 7, 10, 2, 3);
      v[KETERANGAN] = note(r, s.scam());
      // Missing at first, completed by a later save (a late correction).
      boolean sexLater = !sex.isEmpty() && r.chance(0.04);
      boolean birthLater = !v[TANGGAL_LAHIR].isEmpty() && r.chance(0.05);
      boolean platformLater = !p.platforms.isEmpty() && r.chance(0.06);
      String[] first = v.clone();
      if (sexLater) {
        first[JENIS_KELAMIN] = "";
      }
      if (birthLater) {
        first[TANGGAL_LAHIR] = "";
      }
      if (platformLater) {
        first[PLATFORM] = "";
      }
      // Entered the day of the report or a few days later (a report of 31 December is entered that day).
      LocalDateTime saved = r.officeTime(Span.min(d.plusDays(r.chance(0.7) ? 0 : r.between(1, 3)), Span.END));
      first[TERAKHIR_DIPERBARUI] = TIME.format(saved);

      // The events that follow, each a new version of the whole row.
      List<Event> events = new ArrayList<>();
      if (sexLater || birthLater || platformLater) {
        events.add(new Event(r.officeTime(d.plusDays(r.between(2, 25))), events.size(), x -> {
          x[JENIS_KELAMIN] = v[JENIS_KELAMIN];
          x[TANGGAL_LAHIR] = v[TANGGAL_LAHIR];
          x[PLATFORM] = v[PLATFORM];
        }));
      }
      LocalDate identified = null;
      if (!p.finalStatus.equals("DIDUGA")) {
        identified = d.plusDays(s.scam() ? r.between(1, 20) : r.between(1, 30));
        String status = p.finalStatus;
        String org = p.finalStatus.equals("TERIDENTIFIKASI") || r.chance(0.5) ? organisation(r) : "";
        LocalDate on = identified;
        events.add(new Event(r.officeTime(on), events.size(), x -> {
          x[STATUS_KORBAN] = statusSpelling(r, status);
          x[TANGGAL_IDENTIFIKASI] = DATE.format(on);
          x[LEMBAGA] = org;
        }));
      }
      LocalDate released = null;
      if (r.chance(p.releaseChance)) {
        released = identified != null && r.chance(0.75)
            ? identified.plusDays(r.between(0, 40))
            : d.plusDays(r.between(0, identified == null ? 45 : (int) ChronoUnit.DAYS.between(d, identified)));
        LocalDate on = released;
        events.add(new Event(r.officeTime(on).plusMinutes(1), events.size(), x -> x[TANGGAL_BEBAS] = DATE.format(on)));
      }
      LocalDate repatriated = null;
      LocalDate base = Stream.of(d, identified, released).filter(x -> x != null).max(LocalDate::compareTo).orElseThrow();
      if ((released != null || !p.needsRelease) && r.chance(p.repatriationChance)) {
        repatriated = base.plusDays(r.between(7, 60));
        LocalDate on = repatriated;
        boolean referred = r.chance(0.18);
        events.add(new Event(r.officeTime(on).plusMinutes(2), events.size(), x -> {
          x[TANGGAL_PULANG] = DATE.format(on);
          x[STATUS_KASUS] = referred ? spell(r, "DIRUJUK", "DILIMPAHKAN") : spell(r, "SELESAI", "DITUTUP");
        }));
      }
      if (p.prosecutable && identified != null && p.finalStatus.equals("TERIDENTIFIKASI") && r.chance(0.45)) {
        LocalDate suspected = identified.plusDays(r.between(10, 60));
        events.add(new Event(r.officeTime(suspected).plusMinutes(3), events.size(), x -> {
          x[TAHAP_HUKUM] = spell(r, "DISIDIK", "PENYIDIKAN");
          if (x[TANGGAL_PULANG].isEmpty()) {
            x[STATUS_KASUS] = spell(r, "TINDAK_LANJUT", "PEMANTAUAN");
          }
        }));
        if (r.chance(0.45)) {
          LocalDate prosecuted = suspected.plusDays(r.between(60, 200));
          events.add(new Event(r.officeTime(prosecuted).plusMinutes(4), events.size(), x -> x[TAHAP_HUKUM] = spell(r, "DITUNTUT", "P21")));
          if (r.chance(0.5)) {
            LocalDate convicted = prosecuted.plusDays(r.between(90, 300));
            events.add(new Event(r.officeTime(convicted).plusMinutes(5), events.size(), x -> x[TAHAP_HUKUM] = spell(r, "DIVONIS", "INKRACHT")));
          }
        }
      }
      List<String[]> out = new ArrayList<>();
      out.add(first);
      String[] current = first;
      LocalDateTime previous = saved;
      events.sort(Comparator.comparing(Event::at).thenComparingInt(Event::order));
      for (Event e : events) {
        // Saves are strictly later than the previous one (a clerk cannot save two versions at once).
        LocalDateTime at = e.at().isAfter(previous) ? e.at() : previous.plusMinutes(1);
        previous = at;
        String[] next = current.clone();
        e.change().accept(next);
        next[TERAKHIR_DIPERBARUI] = TIME.format(at);
        out.add(next);
        current = next;
      }
      return out;
    }

    /** A case with exactly one version, failing exactly one rule. */
    void junkCase(long j, Monthly files) throws IOException {
      Rng r = Rng.of(seed ^ JUNK_SALT, j);
      LocalDate d = r.date(FIRST_MONTH.atDay(1), Span.END.minusDays(3));
      Slot s = new Slot(YearMonth.from(d), 0, 1, r.chance(0.7), d);
      String sex = r.chance(0.6) ? "M" : "F";
      Who who = new Who(Nationality.IDN.docNumber(freshBase + totalCases(scale) + j), Names.full(r, Nationality.IDN, sex),
          sex, d.minusYears(r.between(19, 40)), false, origin(r));
      String[] v = history(r, s, who, caseNo(d.getYear())).get(0);
      switch (r.weighted(16, 14, 12, 12, 10, 10, 8, 8, 10)) {
        case 0 -> v[TANGGAL_LAPOR] = r.pick(new String[] {"31-04-2024", "29-02-2023", "30-02-2022", "31-06-2023", "31-09-2024"});
        case 1 -> v[JENIS_KASUS] = r.pick(new String[] {"TPPO/SCAM", "SCAMMER", "PENIPUAN", "KASUS KHUSUS"});
        case 2 -> v[PLATFORM] = join(r, List.of(r.pick(new String[] {"TELEGRAM", "FACEBOOK"}), r.pick(new String[] {"MICHAT", "FRIENDSTER", "BIGO"})));
        case 3 -> v[CARA_KONTROL] = join(r, List.of("PASPOR_DITAHAN", r.pick(new String[] {"DIKURUNG", "DIJUAL", "DISEKAP"})));
        case 4 -> v[STATUS_KORBAN] = r.pick(new String[] {"PROSES", "?", "BELUM JELAS"});
        case 5 -> v[KEWARGANEGARAAN] = r.pick(Countries.UNKNOWN);
        case 6 -> v[NO_PASPOR] = "";
        case 7 -> v[TANGGAL_PULANG] = DATE.format(d.minusDays(r.between(1, 90)));
        default -> v[STATUS_KASUS] = r.pick(new String[] {"PENDING", "MENUNGGU", "X"});
      }
      files.write(LocalDateTime.parse(v[TERAKHIR_DIPERBARUI], TIME), line(v), false);
    }
  }

  // ---- case content -------------------------------------------------------------------------------

  /** The raw codes of one case (already spelled as typed) and how it unfolds. */
  private record Profile(String type, String recruitment, String platforms, String lure, String exploitation,
      String control, String visa, String route, String province, String finalStatus, double releaseChance,
      boolean needsRelease, double repatriationChance, boolean prosecutable) {}

  /** Exploitation provinces (index into {@link Provinces#ALL}) and weights: the scam-compound towns. */
  private static final int[] SCAM_PROVINCES = {17, 11, 0, 19, 8, 21, 6, 14};
  private static final double[] SCAM_PROVINCE_WEIGHTS = {38, 25, 12, 10, 5, 3, 3, 2};

  private static Profile scamProfile(Rng r) {
    boolean tppo = r.chance(0.18);
    String type = tppo ? spell(r, "TPPO", "T.P.P.O") : spell(r, "PENIPUAN_DARING", "PENIPUAN_ONLINE", "ONLINE_SCAM");
    List<String> rec = subset(r, new String[] {"MEDSOS", "IKLAN_ONLINE", "TEMAN", "KELUARGA", "CALO"},
        new double[] {0.65, 0.45, 0.30, 0.06, 0.08});
    boolean online = rec.contains("MEDSOS") || rec.contains("IKLAN_ONLINE");
    List<String> platforms = online || r.chance(0.4)
        ? subset(r, new String[] {"FACEBOOK", "TELEGRAM", "WHATSAPP", "TIKTOK", "INSTAGRAM", "MESSENGER", "LINE"},
            new double[] {0.55, 0.45, 0.40, 0.25, 0.10, 0.05, 0.02})
        : List.of();
    String lure = switch (r.weighted(35, 25, 15, 10, 5, 4, 6)) {
      case 0 -> spell(r, "CS", "CUSTOMER_SERVICE", "ADMIN_CS", "LAYANAN_PELANGGAN");
      case 1 -> spell(r, "MARKETING_INVESTASI", "MARKETING_KRIPTO", "MARKETING_SAHAM");
      case 2 -> spell(r, "MARKETING_ONLINE", "SALES_ONLINE", "TELEMARKETING");
      case 3 -> spell(r, "ENTRI_DATA", "INPUT_DATA");
      case 4 -> spell(r, "PENERJEMAH", "TRANSLATOR");
      case 5 -> spell(r, "OPERATOR_KOMPUTER");
      default -> "";
    };
    List<String> expl = new ArrayList<>();
    if (tppo || r.chance(0.85)) {
      expl.add(spellCode(r, "PENIPUAN_DARING", "SCAM_ONLINE", "DIPAKSA_MENIPU"));
    }
    addIf(r, expl, 0.30, "KERJA_PAKSA");
    addIf(r, expl, 0.08, "JUDI_ONLINE");
    addIf(r, expl, 0.03, "EKSPLOITASI_SEKSUAL");
    List<String> control = r.chance(0.08) ? List.of() : subset(r,
        new String[] {"PASPOR_DITAHAN", "DENDA", "JERAT_UTANG", "ANCAMAN_FISIK", "KEKERASAN_FISIK", "JAM_KERJA_BERLEBIH",
            "GAJI_DITAHAN", "DISETRUM", "ANCAMAN_POLISI", "TEKANAN_PSIKOLOGIS", "MAKAN_DIBATASI", "JANJI_PALSU"},
        new double[] {0.75, 0.45, 0.35, 0.40, 0.25, 0.50, 0.40, 0.08, 0.10, 0.20, 0.05, 0.30});
    String visa = switch (r.weighted(38, 15, 35, 7, 2, 3)) {
      case 0 -> spell(r, "TURIS", "WISATA", "VISA_TURIS");
      case 1 -> spell(r, "VOA");
      case 2 -> spell(r, "BEBAS_VISA", "BVK");
      case 3 -> spell(r, "BISNIS");
      case 4 -> spell(r, "KERJA", "VISA_KERJA");
      default -> "";
    };
    String route = switch (r.weighted(88, 4, 8)) {
      case 0 -> spell(r, "NONPROSEDURAL", "NON-PROSEDURAL", "NON_PROSEDURAL", "NP");
      case 1 -> spell(r, "PROSEDURAL");
      default -> "";
    };
    String province = r.chance(0.02) ? "" : Provinces.spell(r, SCAM_PROVINCES[r.weighted(SCAM_PROVINCE_WEIGHTS)]);
    String status = switch (r.weighted(62, 23, 15)) {
      case 0 -> "TERIDENTIFIKASI";
      case 1 -> "DIDUGA";
      default -> "BUKAN_KORBAN";
    };
    return new Profile(type, join(r, spellAll(r, rec)), join(r, spellAll(r, platforms)), lure, join(r, expl),
        join(r, spellAll(r, control)), visa, route, province, status, 0.88, true, 0.85, tppo);
  }

  private static Profile otherProfile(Rng r, Who who) {
    boolean minor = who.birth() != null && who.birth().isAfter(Span.END.minusYears(19));
    int kind = r.weighted(35, 20, 20, 15, 7, 3);
    String province = r.chance(0.1) ? "" : Provinces.spell(r, r.weighted(Nationality.Mix.INDONESIAN.weights));
    String route = spell(r, "NONPROSEDURAL", "NON_PROSEDURAL", "NP");
    switch (kind) {
      case 0 -> { // PMI_NONPROSEDURAL
        List<String> rec = subset(r, new String[] {"CALO", "TEMAN", "MEDSOS", "AGEN_PENYALUR"}, new double[] {0.5, 0.4, 0.2, 0.1});
        List<String> pl = rec.contains("MEDSOS") ? subset(r, new String[] {"FACEBOOK", "WHATSAPP"}, new double[] {0.6, 0.5}) : List.of();
        String lure = pickWeighted(r, new String[] {"PABRIK", "PELAYAN_RESTORAN", "LAINNYA", "CS", ""}, 30, 25, 15, 10, 20);
        String expl = r.chance(0.2) ? spellCode(r, "KERJA_PAKSA", "PEKERJA_PAKSA") : "";
        String control = r.chance(0.6) ? "" : join(r, spellAll(r, subset(r, new String[] {"GAJI_DITAHAN", "PASPOR_DITAHAN", "JAM_KERJA_BERLEBIH"}, new double[] {0.6, 0.4, 0.3})));
        String status = pickWeighted(r, new String[] {"BUKAN_KORBAN", "DIDUGA", "TERIDENTIFIKASI"}, 50, 30, 20);
        return new Profile(spell(r, "PMI_NONPROSEDURAL", "PMI_NON_PROSEDURAL", "PMI_NP"), join(r, spellAll(r, rec)),
            join(r, spellAll(r, pl)), lure, expl, control, spell(r, "BEBAS_VISA", "TURIS", "KERJA"), route, province, status,
            0.5, false, 0.8, false);
      }
      case 1 -> { // TPPO, not scam
        List<String> rec = subset(r, new String[] {"TEMAN", "KELUARGA", "CALO", "MEDSOS", "AGEN_PENYALUR"},
            new double[] {0.4, 0.2, 0.3, 0.3, 0.1});
        List<String> pl = rec.contains("MEDSOS") ? subset(r, new String[] {"FACEBOOK", "WHATSAPP", "INSTAGRAM"}, new double[] {0.6, 0.5, 0.1}) : List.of();
        List<String> expl = new ArrayList<>();
        switch (r.weighted(60, 30, 5, 5)) {
          case 0 -> expl.add("KERJA_PAKSA");
          case 1 -> expl.add(spellCode(r, "EKSPLOITASI_SEKSUAL", "PROSTITUSI_PAKSA"));
          case 2 -> expl.add(spellCode(r, "KAWIN_PAKSA", "PENGANTIN_PESANAN"));
          default -> expl.add("PERBUDAKAN");
        }
        if (minor) {
          expl.add("PEKERJA_ANAK");
        }
        List<String> control = subset(r, new String[] {"PASPOR_DITAHAN", "JERAT_UTANG", "GAJI_DITAHAN", "ANCAMAN_FISIK",
            "KEKERASAN_SEKSUAL", "ANCAMAN_KELUARGA", "TIDAK_BOLEH_BEROBAT", "REKENING_DIKUASAI", "NARKOBA"},
            new double[] {0.6, 0.5, 0.4, 0.3, 0.1, 0.1, 0.05, 0.05, 0.03});
        String lure = pickWeighted(r, new String[] {"PELAYAN_RESTORAN", "PABRIK", "LAINNYA", "MARKETING_ONLINE", ""}, 30, 30, 20, 10, 10);
        String status = pickWeighted(r, new String[] {"TERIDENTIFIKASI", "DIDUGA", "BUKAN_KORBAN"}, 70, 20, 10);
        return new Profile(spell(r, "TPPO", "PERDAGANGAN_ORANG"), join(r, spellAll(r, rec)), join(r, spellAll(r, pl)), lure,
            join(r, expl), join(r, spellAll(r, control)), spell(r, "TURIS", "BEBAS_VISA", "VOA"), route, province, status,
            0.7, true, 0.8, true);
      }
      default -> { // OVERSTAY, KETENAGAKERJAAN, DEPORTASI, LAINNYA
        String type = switch (kind) {
          case 2 -> spell(r, "OVERSTAY", "OVER_STAY", "MELEBIHI_IZIN_TINGGAL");
          case 3 -> spell(r, "KETENAGAKERJAAN");
          case 4 -> spell(r, "DEPORTASI");
          default -> spell(r, "LAINNYA");
        };
        String status = pickWeighted(r, new String[] {"BUKAN_KORBAN", "DIDUGA"}, 80, 20);
        String visa = pickWeighted(r, new String[] {"TURIS", "BEBAS_VISA", "KERJA", "BISNIS", ""}, 30, 30, 20, 10, 10);
        return new Profile(type, "", "", "", "", "", visa, r.chance(0.5) ? route : "", province, status,
            kind == 2 || kind == 4 ? 0.7 : 0.2, false, 0.9, false);
      }
    }
  }

  private static String organisation(Rng r) {
    return switch (r.weighted(50, 25, 15, 5, 5)) {
      case 0 -> spell(r, "KBRI", "KEDUTAAN");
      case 1 -> spell(r, "POLRI", "BARESKRIM", "KEPOLISIAN");
      case 2 -> spell(r, "POLISI_KAMBOJA", "CNP");
      case 3 -> spell(r, "LSM", "NGO");
      default -> spell(r, "IMIGRASI", "DITJEN_IMIGRASI");
    };
  }

  private static String statusSpelling(Rng r, String status) {
    return switch (status) {
      case "TERIDENTIFIKASI" -> spell(r, "TERIDENTIFIKASI", "KORBAN_TPPO");
      case "BUKAN_KORBAN" -> spell(r, "BUKAN_KORBAN", "TIDAK_TERBUKTI");
      default -> spell(r, "DIDUGA", "DIDUGA_KORBAN");
    };
  }

  private static final String[] NOTES_SCAM = {
      "Dilaporkan keluarga melalui hotline",
      "Korban dijanjikan gaji USD 1.000, paspor ditahan perusahaan",
      "Melarikan diri dari kompleks, dijemput staf KBRI",
      "Dipindahkan antar perusahaan, diminta tebusan",
      "Hasil penggerebekan polisi setempat",
      "Dokumen hilang; diterbitkan SPLP"};
  private static final String[] NOTES_OTHER = {
      "Datang langsung ke KBRI", "Ditahan imigrasi, menunggu deportasi", "Gaji tidak dibayar 3 bulan",
      "Rujukan dari LSM, Phnom Penh"};

  /** Free-text remarks: often blank, sometimes with commas or a line break (quoted in the CSV). */
  private static String note(Rng r, boolean scam) {
    double u = r.unit();
    if (u < 0.55) {
      return "";
    }
    String n = r.pick(scam ? NOTES_SCAM : NOTES_OTHER);
    if (u > 0.98) {
      n = n + "\nTindak lanjut: koordinasi dengan Polri";
    }
    return n;
  }

  // ---- Indonesian provinces of origin (mappings/htcds_province_id.csv lists every spelling) -------

  /** Spellings of the provinces of origin (first: the name), with their weights in the migrant population. */
  static final String[][] ORIGINS = {
      {"JAWA BARAT", "Jawa Barat", "JABAR"}, {"JAWA TIMUR", "Jawa Timur", "JATIM"}, {"JAWA TENGAH", "Jawa Tengah", "JATENG"},
      {"SUMATERA UTARA", "Sumatera Utara", "SUMUT", "Sumatra Utara"}, {"NUSA TENGGARA BARAT", "NTB"},
      {"NUSA TENGGARA TIMUR", "NTT"}, {"SULAWESI SELATAN", "Sulawesi Selatan", "SULSEL"}, {"LAMPUNG", "Lampung"},
      {"BANTEN", "Banten"}, {"DKI JAKARTA", "DKI", "Jakarta"}, {"KALIMANTAN BARAT", "KALBAR"},
      {"KEPULAUAN RIAU", "KEPRI"}, {"RIAU", "Riau"}, {"SUMATERA BARAT", "SUMBAR"}, {"SUMATERA SELATAN", "SUMSEL"},
      {"DI YOGYAKARTA", "DIY", "Yogyakarta"}, {"BALI", "Bali"}, {"ACEH", "Aceh"}, {"SULAWESI UTARA", "SULUT"},
      {"KALIMANTAN TIMUR", "KALTIM"}, {"JAMBI", "Jambi"}, {"MALUKU", "Maluku"}, {"PAPUA", "Papua"}};
  static final double[] ORIGIN_WEIGHTS = {18, 15, 12, 12, 6, 5, 5, 4, 4, 5, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 0.5, 0.5};

  static int origin(Rng r) {
    return r.weighted(ORIGIN_WEIGHTS);
  }

  static String spellOrigin(Rng r, int origin) {
    String[] s = ORIGINS[origin];
    double u = r.unit();
    String name = u < 0.7 ? s[0] : s[r.between(1, s.length - 1)];
    return r.chance(0.03) ? name + " " : name;
  }

  // ---- spelling -----------------------------------------------------------------------------------

  /** A code as a clerk types it: mostly as is, sometimes in another case, with spaces, or a variant. */
  static String spell(Rng r, String code, String... variants) {
    double u = r.unit();
    String s;
    if (u < 0.78 || variants.length == 0 && u < 0.85) {
      s = code;
    } else if (u < 0.85) {
      s = variants[r.between(0, variants.length - 1)];
    } else if (u < 0.91) {
      s = capitalise(code.replace('_', ' '));
    } else if (u < 0.95) {
      s = code.replace('_', ' ');
    } else {
      s = code.toLowerCase(Locale.ROOT).replace('_', '-');
    }
    return r.chance(0.02) ? s + " " : s;
  }

  /** A list element: the code, sometimes a variant, never with a trailing delimiter issue. */
  static String spellCode(Rng r, String code, String... variants) {
    return variants.length > 0 && r.chance(0.1) ? variants[r.between(0, variants.length - 1)] : code;
  }

  private static final Map<String, String[]> LIST_VARIANTS = Map.ofEntries(
      Map.entry("MEDSOS", new String[] {"MEDIA_SOSIAL", "SOSMED", "GRUP_CHAT"}),
      Map.entry("IKLAN_ONLINE", new String[] {"LOWONGAN_ONLINE", "LOKER_ONLINE", "IKLAN_DARING"}),
      Map.entry("TEMAN", new String[] {"KENALAN"}),
      Map.entry("KELUARGA", new String[] {"SAUDARA"}),
      Map.entry("CALO", new String[] {"SPONSOR"}),
      Map.entry("AGEN_PENYALUR", new String[] {"PT_PENEMPATAN"}),
      Map.entry("FACEBOOK", new String[] {"FB", "Facebook", "FESBUK"}),
      Map.entry("TELEGRAM", new String[] {"TELE", "Telegram", "TG"}),
      Map.entry("WHATSAPP", new String[] {"WA", "WhatsApp", "WHATS APP"}),
      Map.entry("TIKTOK", new String[] {"TIK TOK", "TikTok"}),
      Map.entry("INSTAGRAM", new String[] {"IG"}),
      Map.entry("MESSENGER", new String[] {"FB_MESSENGER"}),
      Map.entry("PASPOR_DITAHAN", new String[] {"DOKUMEN_DITAHAN", "PASPOR_DISITA"}),
      Map.entry("ANCAMAN_FISIK", new String[] {"ANCAMAN"}),
      Map.entry("JERAT_UTANG", new String[] {"UTANG"}),
      Map.entry("KEKERASAN_FISIK", new String[] {"PENYIKSAAN"}),
      Map.entry("GAJI_DITAHAN", new String[] {"GAJI_TIDAK_DIBAYAR"}),
      Map.entry("JAM_KERJA_BERLEBIH", new String[] {"JAM_KERJA_PANJANG"}),
      Map.entry("TEKANAN_PSIKOLOGIS", new String[] {"INTIMIDASI"}));

  private static List<String> spellAll(Rng r, List<String> codes) {
    List<String> out = new ArrayList<>(codes.size());
    for (String c : codes) {
      String[] v = LIST_VARIANTS.get(c);
      out.add(v != null ? spellCode(r, c, v) : c);
    }
    return out;
  }

  /** A multi-valued field: ';'-separated, sometimes '; ' or with a trailing ';'. */
  static String join(Rng r, List<String> values) {
    if (values.isEmpty()) {
      return "";
    }
    String sep = r.chance(0.85) ? ";" : "; ";
    String s = String.join(sep, values);
    return r.chance(0.02) ? s + ";" : s;
  }

  /** Each option with its probability; at least one (the most likely) when none was drawn. */
  static List<String> subset(Rng r, String[] options, double[] p) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < options.length; i++) {
      if (r.chance(p[i])) {
        out.add(options[i]);
      }
    }
    if (out.isEmpty()) {
      out.add(options[0]);
    }
    return out;
  }

  private static void addIf(Rng r, List<String> list, double p, String code) {
    if (r.chance(p)) {
      list.add(code);
    }
  }

  static String pickWeighted(Rng r, String[] values, double... weights) {
    return values[r.weighted(weights)];
  }

  private static String capitalise(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean start = true;
    for (char c : s.toCharArray()) {
      b.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
      start = c == ' ';
    }
    return b.toString();
  }

  /** A passport number as typed: mostly exact, sometimes lower case, with a space, or a trailing space. */
  static String docNumber(Rng r, String n) {
    double u = r.unit();
    if (u < 0.92) {
      return n;
    }
    if (u < 0.95) {
      return n.toLowerCase(Locale.ROOT);
    }
    if (u < 0.98) {
      return n.substring(0, 1) + " " + n.substring(1);
    }
    return n + " ";
  }

  /** Largest-remainder allocation of {@code total} over the weights; ties to the earlier index. */
  static int[] allocate(int total, double[] weights) {
    double sum = Arrays.stream(weights).sum();
    int[] out = new int[weights.length];
    double[] rest = new double[weights.length];
    int given = 0;
    for (int i = 0; i < weights.length; i++) {
      double exact = total * weights[i] / sum;
      out[i] = (int) Math.floor(exact);
      rest[i] = exact - out[i];
      given += out[i];
    }
    for (int k = given; k < total; k++) {
      int best = 0;
      for (int i = 1; i < weights.length; i++) {
        if (rest[i] > rest[best]) {
          best = i;
        }
      }
      out[best]++;
      rest[best] = -1;
    }
    return out;
  }

  /** RFC 4180: a field is quoted only when it holds a comma, a quote or a line break. */
  static String line(String[] fields) {
    StringBuilder b = new StringBuilder(200);
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      String f = fields[i] == null ? "" : fields[i];
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
        b.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        b.append(f);
      }
    }
    return b.toString();
  }

  static void clear(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        Files.delete(f);
      }
    }
  }

  // ---- shared by the three generators -------------------------------------------------------------

  /**
   * The months that carry one kind of mess: an empty (0-byte) file whose rows come with the next
   * month, a file re-sent under another name, a UTF-8 BOM, a truncated last line.
   */
  record Mess(YearMonth empty, YearMonth resent, YearMonth bom, YearMonth truncated) {}

  /** One gzipped CSV being written (GZIPOutputStream writes MTIME 0: equal content, equal bytes). */
  static final class Gz implements Closeable {
    private final Path path;
    private final Writer out;
    private final String eol;
    private final boolean truncateLast;
    private String pendingDuplicate;
    private String last;
    private long rows;

    Gz(Path path, String header, boolean bom, boolean crlf, boolean truncateLast) throws IOException {
      this.path = path;
      this.eol = crlf ? "\r\n" : "\n";
      this.truncateLast = truncateLast;
      Files.createDirectories(path.getParent());
      GZIPOutputStream gzip = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16), 1 << 16);
      this.out = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16);
      if (bom) {
        out.write('\uFEFF');
      }
      if (header != null) {
        out.write(header);
        out.write(eol);
      }
    }

    /** Writes a record; if {@code duplicate}, an exact copy follows after the next record. */
    void write(String record, boolean duplicate) throws IOException {
      emit(record);
      if (pendingDuplicate != null) {
        emit(pendingDuplicate);
        pendingDuplicate = null;
      }
      if (duplicate) {
        pendingDuplicate = record;
      }
    }

    private void emit(String record) throws IOException {
      out.write(record);
      out.write(eol);
      last = record;
      rows++;
    }

    long rows() {
      return rows;
    }

    Path path() {
      return path;
    }

    /** Closes; a truncated file ends with a copy of its last record cut half-way, without a line break. */
    @Override
    public void close() throws IOException {
      if (pendingDuplicate != null) {
        emit(pendingDuplicate);
        pendingDuplicate = null;
      }
      if (truncateLast && last != null) {
        out.write(last, 0, last.length() / 2);
        rows++;
      }
      out.close();
    }
  }

  /** The monthly files of one source, all open at once; a row goes to the month it was saved in. */
  static final class Monthly implements Closeable {
    private final Path dir;
    private final String pattern;
    private final YearMonth first;
    private final Mess mess;
    private final Gz[] files;
    private final Map<String, long[]> stats = new TreeMap<>();

    /** {@code pattern}: file name with %s for the month, e.g. cases_%s.csv (".gz" is added). */
    Monthly(Path out, String folder, String pattern, YearMonth first, YearMonth last, String header, Mess mess,
            boolean crlf) throws IOException {
      this.dir = out.resolve(folder);
      this.pattern = pattern;
      this.first = first;
      this.mess = mess;
      int months = (int) first.until(last, ChronoUnit.MONTHS) + 1;
      this.files = new Gz[months];
      for (int i = 0; i < months; i++) {
        YearMonth m = first.plusMonths(i);
        if (!m.equals(mess.empty())) {
          files[i] = new Gz(dir.resolve(String.format(pattern, m) + ".gz"), header, m.equals(mess.bom()), crlf,
              m.equals(mess.truncated()));
        }
      }
    }

    void write(LocalDateTime at, String line, boolean duplicate) throws IOException {
      YearMonth m = YearMonth.from(at);
      if (m.isBefore(first) || m.isAfter(first.plusMonths(files.length - 1))) {
        return;
      }
      if (m.equals(mess.empty())) {
        m = m.plusMonths(1);
      }
      files[(int) first.until(m, ChronoUnit.MONTHS)].write(line, duplicate);
    }

    @Override
    public void close() throws IOException {
      for (int i = 0; i < files.length; i++) {
        YearMonth m = first.plusMonths(i);
        String name = String.format(pattern, m);
        if (files[i] == null) {
          Files.write(dir.resolve(name), new byte[0]);
          stats.put(name, new long[] {0, 0});
          continue;
        }
        files[i].close();
        stats.put(name + ".gz", new long[] {files[i].rows(), Files.size(files[i].path())});
        if (m.equals(mess.resent())) {
          String resent = name.substring(0, name.indexOf('.')) + "_resend" + name.substring(name.indexOf('.')) + ".gz";
          Files.copy(files[i].path(), dir.resolve(resent));
          stats.put(resent, new long[] {files[i].rows(), Files.size(files[i].path())});
        }
      }
    }

    /** files, rows (header excluded, duplicates and the re-sent copy included) and bytes under a prefix. */
    Map<String, Long> stats(String prefix) {
      Map<String, Long> m = new LinkedHashMap<>();
      m.put(prefix + ".files", (long) stats.size());
      m.put(prefix + ".rows", stats.values().stream().mapToLong(v -> v[0]).sum());
      m.put(prefix + ".bytes", stats.values().stream().mapToLong(v -> v[1]).sum());
      return m;
    }
  }

  /** An Indonesian resident of the host registry, exactly as the resident generator derives them. */
  record Resident(Person person, Timeline timeline) {
    LocalDate registered() {
      return timeline.main().registered();
    }

    /** Deregistration date, null while registered. */
    LocalDate left() {
      return timeline.main().deregistered();
    }

    boolean passport() {
      return person.docType().equals("PASSPORT");
    }
  }

  /**
   * The Indonesian residents of the host registry sample at a scale, and the start of the document
   * number ranges the issue-3 generators use for everyone else (above every person of
   * {@link Population}, so no new person can share a passport with a resident by accident).
   */
  static final class Residents {
    final long seed;
    final int scale;
    final List<Population.Group> groups;
    final long[] before;
    final long count;
    final long freshBase;

    static final long CASE_SPACE_PER_SCALE = 20_000;
    static final long EMBASSY_SPACE_PER_SCALE = 100_000;
    static final long TRAVELLER_SPACE_PER_SCALE = 200_000;

    Residents(int scale, long seed) {
      this.seed = seed;
      this.scale = scale;
      Population population = new Population(scale);
      this.groups = population.groups.stream()
          .filter(g -> g.kind() == Population.Kind.INDONESIAN && g.size() > 0).toList();
      this.before = new long[groups.size()];
      long n = 0;
      for (int i = 0; i < groups.size(); i++) {
        before[i] = n;
        n += groups.get(i).size();
      }
      this.count = n;
      this.freshBase = population.total;
      long end = freshBase + (CASE_SPACE_PER_SCALE + EMBASSY_SPACE_PER_SCALE + TRAVELLER_SPACE_PER_SCALE) * scale;
      if (end > Ids.MAX_PERSONS) {
        throw new IllegalArgumentException("scale " + scale + " is too large for the document number space");
      }
    }

    long caseBase() {
      return freshBase;
    }

    long embassyBase() {
      return freshBase + CASE_SPACE_PER_SCALE * scale;
    }

    long travellerBase() {
      return freshBase + (CASE_SPACE_PER_SCALE + EMBASSY_SPACE_PER_SCALE) * scale;
    }

    /** The r-th Indonesian resident (0 <= r < count), derived from its own random stream. */
    Resident get(long rank) {
      int g = 0;
      while (g + 1 < groups.size() && before[g + 1] <= rank) {
        g++;
      }
      Population.Group group = groups.get(g);
      long k = rank - before[g];
      long index = group.start() + k;
      Rng r = Rng.of(seed, index);
      Timeline t = People.timeline(r, group, group.registration(k));
      return new Resident(People.person(r, group, index, t), t);
    }

    /** A resident chosen by hashing (salt, item, attempt): stateless, so any item can be regenerated alone. */
    Resident pick(long salt, long item, int attempt) {
      long h = Rng.mix(Rng.mix(salt + item) + 0x9E3779B97F4A7C15L * (attempt + 1));
      return get(Math.floorMod(h, count));
    }
  }
}
