package org.migstat.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.migstat.generate.CaseGenerator.Monthly;
import org.migstat.generate.CaseGenerator.Resident;
import org.migstat.generate.CaseGenerator.Residents;

/**
 * Self-registrations of Indonesian citizens with their embassy in Phnom Penh ("lapor diri"), as the
 * registration portal exports them (embassy/embassy_YYYY-MM.csv.gz, 2020-01 .. 2024-12, Windows line
 * ends): Indonesian field names, one row per saved version of a registration, each in the file of the
 * month it was saved.
 *
 * <p>Calibrated exactly (scale 1, all files loaded, after the quality rules, counted by
 * tanggal_registrasi, deleted registrations excluded): 2,332 in 2020, 4,105 in 2021, 10,460 in 2022,
 * 17,212 in 2023, 18,940 in 2024. Some registrants are residents of the host registry (same passport,
 * derived exactly as the resident generator derives them): they register when they arrive, or, if
 * they were already there in 2020, some time while they stay. The rest are new persons.
 */
public final class EmbassyGenerator {
  private EmbassyGenerator() {}

  static final String FOLDER = "embassy";
  static final YearMonth FIRST_MONTH = YearMonth.of(2020, 1);
  static final CaseGenerator.Mess MESS = new CaseGenerator.Mess(YearMonth.of(2023, 2), YearMonth.of(2023, 5),
      YearMonth.of(2022, 6), YearMonth.of(2023, 10));

  /** Registrations per year at scale 1 (2020..2024): exact after the quality rules. */
  static final int[] PER_YEAR = {2_332, 4_105, 10_460, 17_212, 18_940};
  /** Registrations growing through each year (the portal became known, scam-compound arrivals). */
  private static final double[] MONTH_WEIGHTS = {9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 12, 13};
  /** At most this share of a year's registrations comes from residents of the host registry. */
  static final double MAX_RESIDENT_SHARE = 0.55;

  static final String[] HEADER = org.migstat.catalog.CaseTables.EMBASSY_RAW_COLUMNS.split(",");
  static final int NO = 0, JENIS_DOKUMEN = 1, NO_PASPOR = 2, NEGARA = 3, NAMA = 4, JENIS_KELAMIN = 5, TANGGAL_LAHIR = 6,
      PROVINSI_ASAL = 7, ALAMAT = 8, ALAMAT_PROVINSI = 9, PEKERJAAN = 10, TANGGAL_REGISTRASI = 11, STATUS = 12,
      TERAKHIR_DIPERBARUI = 13;

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  static final int JUNK_PER_SCALE = 80;
  static final double DUPLICATE_ROWS = 0.004;
  static final double CORRECTION = 0.08;
  static final double DELETED_TWIN = 0.01;

  private static final long RESIDENT_SALT = 0x454D_4241_5231L;
  private static final long FRESH_SALT = 0x454D_4241_4632L;
  private static final long JUNK_SALT = 0x454D_4241_4A33L;

  private static final String[] OCCUPATIONS = {"KARYAWAN SWASTA", "CUSTOMER SERVICE", "MARKETING", "ADMIN", "WIRASWASTA",
      "IBU RUMAH TANGGA", "PELAJAR/MAHASISWA", "TENAGA AHLI", "KOKI", "GURU", "TIDAK BEKERJA", "PEKERJA RESTORAN",
      "OPERATOR", "LAINNYA"};
  private static final double[] OCCUPATION_WEIGHTS = {40, 10, 8, 5, 7, 6, 3, 4, 3, 1, 3, 4, 3, 3};

  public static Map<String, Long> generate(int scale, long seed, Path out, Consumer<String> progress)
      throws IOException {
    if (scale < 1) {
      throw new IllegalArgumentException("scale must be at least 1, got " + scale);
    }
    long t0 = System.nanoTime();
    CaseGenerator.clear(out.resolve(FOLDER));
    Residents residents = new Residents(scale, seed);
    Run run = new Run(scale, seed, residents);
    Monthly files = new Monthly(out, FOLDER, "embassy_%s.csv", FIRST_MONTH, Span.LAST_MONTH, CaseGenerator.line(HEADER),
        MESS, true);
    run.fromResidents(files, progress);
    run.fresh(files);
    for (long j = 0; j < (long) JUNK_PER_SCALE * scale; j++) {
      run.junk(j, files);
    }
    files.close();
    Map<String, Long> result = new LinkedHashMap<>(files.stats("embassy"));
    for (int y = 0; y < PER_YEAR.length; y++) {
      result.put("embassy.registrations_" + (2020 + y), (long) PER_YEAR[y] * scale);
    }
    for (int y = 0; y < PER_YEAR.length; y++) {
      result.put("embassy.from_residents_" + (2020 + y), run.fromResidents[y]);
    }
    result.put("embassy.deleted_twins", run.twins);
    result.put("embassy.corrections", run.corrections);
    result.put("embassy.junk", (long) JUNK_PER_SCALE * scale);
    result.put("embassy.millis", (System.nanoTime() - t0) / 1_000_000);
    progress.accept(String.format("embassy: %,d registrations in %d files, %,d bytes",
        Arrays.stream(PER_YEAR).asLongStream().sum() * scale, result.get("embassy.files"), result.get("embassy.bytes")));
    return result;
  }

  /** Who registers: the passport, the name as typed, sex (M, F or ""), birth date, residence province index. */
  private record Who(String docNumber, String name, String sex, LocalDate birth, int province) {}

  private static final class Run {
    final int scale;
    final long seed;
    final Residents residents;
    final long[] fromResidents = new long[PER_YEAR.length];
    /** Registrations of each day so far: the serial part of the registration number. */
    final int[] daySerial = new int[(int) ChronoUnit.DAYS.between(FIRST_MONTH.atDay(1), Span.END) + 2];
    long twins;
    long corrections;
    long freshPersons;

    Run(int scale, long seed, Residents residents) {
      this.scale = scale;
      this.seed = seed;
      this.residents = residents;
    }

    String number(LocalDate day) {
      int serial = ++daySerial[(int) ChronoUnit.DAYS.between(FIRST_MONTH.atDay(1), day)];
      return "LD-PNH-" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + Ids.pad(serial, 4);
    }

    long cap(int year) {
      return (long) Math.floor(PER_YEAR[year - 2020] * (double) scale * MAX_RESIDENT_SHARE);
    }

    /** Residents of the host registry who register with the embassy, in the resident generator's order. */
    void fromResidents(Monthly files, Consumer<String> progress) throws IOException {
      LocalDate first = FIRST_MONTH.atDay(1);
      for (long rank = 0; rank < residents.count; rank++) {
        Rng r = Rng.of(seed ^ RESIDENT_SALT, rank);
        boolean earlier = r.chance(0.10);
        boolean onArrival = r.chance(0.30);
        Resident res = residents.get(rank);
        if (!res.passport()) {
          continue;
        }
        LocalDate until = res.left() == null ? Span.END : Span.min(res.left().minusDays(1), Span.END);
        LocalDate day;
        if (res.registered().isBefore(first)) {
          if (!earlier || until.isBefore(first)) {
            continue;
          }
          day = r.date(first, until);
        } else {
          if (!onArrival) {
            continue;
          }
          day = res.registered().plusDays(r.between(0, 75));
          if (day.isAfter(until)) {
            continue;
          }
        }
        int y = day.getYear() - 2020;
        if (fromResidents[y] >= cap(day.getYear())) {
          continue;
        }
        fromResidents[y]++;
        Person p = res.person();
        Who who = new Who(p.docNumber(), p.name(), p.sex(), p.birth(), p.province());
        LocalDate returned = res.left() != null && r.chance(0.6) ? res.left().plusDays(r.between(0, 30)) : null;
        registration(r, files, who, day, returned);
        if ((rank + 1) % Math.max(1, residents.count / 4) == 0) {
          progress.accept(String.format("embassy: %d of %d residents looked at", rank + 1, residents.count));
        }
      }
    }

    /** New persons to make each year's registrations exact, spread over the months and days. */
    void fresh(Monthly files) throws IOException {
      long index = residents.embassyBase();
      for (int y = 0; y < PER_YEAR.length; y++) {
        long needed = (long) PER_YEAR[y] * scale - fromResidents[y];
        long[] perMonth = allocate(needed, MONTH_WEIGHTS);
        for (int m = 0; m < 12; m++) {
          YearMonth ym = YearMonth.of(2020 + y, m + 1);
          long n = perMonth[m];
          for (long j = 0; j < n; j++) {
            LocalDate day = ym.atDay((int) ((j * 2 + 1) * ym.lengthOfMonth() / (2 * n)) + 1);
            Rng r = Rng.of(seed ^ FRESH_SALT, index);
            String sex = r.chance(0.02) ? "" : r.chance(0.62) ? "M" : "F";
            int age = r.chance(0.04) ? r.between(1, 17) : 19 + (r.between(0, 26) + r.between(0, 26)) / 2 + r.between(0, 8);
            LocalDate birth = r.chance(0.03) ? null : day.minusYears(age).minusDays(r.between(0, 364));
            Who who = new Who(Nationality.IDN.docNumber(index), Names.full(r, Nationality.IDN, sex), sex, birth,
                r.weighted(Nationality.Mix.INDONESIAN.weights));
            LocalDate returned = r.chance(0.15) ? day.plusDays(r.between(90, 700)) : null;
            registration(r, files, who, day, returned);
            index++;
            freshPersons++;
          }
        }
      }
    }

    /** All versions of one registration: saved, sometimes corrected, sometimes marked as gone home. */
    void registration(Rng r, Monthly files, Who who, LocalDate day, LocalDate returned) throws IOException {
      String[] v = row(r, who, day, number(day));
      LocalDateTime saved = LocalDateTime.parse(v[TERAKHIR_DIPERBARUI], TIME);
      write(r, files, v);
      LocalDateTime last = saved;
      if (r.chance(CORRECTION)) {
        String[] c = v.clone();
        switch (r.between(0, 3)) {
          case 0 -> c[NAMA] = who.name().toUpperCase(Locale.ROOT);
          case 1 -> c[ALAMAT] = Provinces.district(r, who.province());
          case 2 -> c[PEKERJAAN] = occupation(r);
          default -> c[TANGGAL_LAHIR] = who.birth() == null ? "" : who.birth().toString();
        }
        last = saved.plusDays(r.between(1, 200)).plusMinutes(r.between(0, 600));
        c[TERAKHIR_DIPERBARUI] = TIME.format(last);
        if (!last.isAfter(Span.HORIZON)) {
          files.write(last, CaseGenerator.line(c), false);
          corrections++;
          v = c;
        }
      }
      if (returned != null) {
        LocalDateTime at = returned.atTime(r.between(6, 22), r.between(0, 59), r.between(0, 59));
        if (at.isAfter(last) && !at.isAfter(Span.HORIZON)) {
          String[] c = v.clone();
          c[STATUS] = CaseGenerator.pickWeighted(r, new String[] {"PULANG", "Pulang", "KEMBALI KE INDONESIA", "SUDAH PULANG"},
              80, 10, 5, 5);
          c[TERAKHIR_DIPERBARUI] = TIME.format(at);
          files.write(at, CaseGenerator.line(c), false);
        }
      }
      if (r.chance(DELETED_TWIN) && day.isBefore(Span.END.minusDays(15))) {
        // Registered twice by mistake; the portal team deletes the second registration.
        String[] twin = v.clone();
        LocalDate twinDay = day.plusDays(r.between(0, 2));
        twin[NO] = number(twinDay);
        LocalDateTime at = saved.plusDays(ChronoUnit.DAYS.between(day, twinDay)).plusMinutes(r.between(5, 300));
        twin[TERAKHIR_DIPERBARUI] = TIME.format(at);
        twin[STATUS] = "AKTIF";
        files.write(at, CaseGenerator.line(twin), false);
        twin = twin.clone();
        twin[STATUS] = CaseGenerator.pickWeighted(r, new String[] {"BATAL", "DIHAPUS", "DUPLIKAT"}, 50, 30, 20);
        at = at.plusDays(r.between(1, 10));
        twin[TERAKHIR_DIPERBARUI] = TIME.format(at);
        files.write(at, CaseGenerator.line(twin), false);
        twins++;
      }
    }

    private static void write(Rng r, Monthly files, String[] v) throws IOException {
      LocalDateTime at = LocalDateTime.parse(v[TERAKHIR_DIPERBARUI], TIME);
      if (!at.isAfter(Span.HORIZON)) {
        files.write(at, CaseGenerator.line(v), r.chance(DUPLICATE_ROWS));
      }
    }

    private static String[] row(Rng r, Who who, LocalDate day, String number) {
      String[] v = new String[HEADER.length];
      Arrays.fill(v, "");
      v[NO] = number;
      v[JENIS_DOKUMEN] = CaseGenerator.pickWeighted(r, new String[] {"PASPOR", "Paspor", "P", "PASSPORT"}, 88, 6, 3, 3);
      v[NO_PASPOR] = CaseGenerator.docNumber(r, who.docNumber());
      v[NEGARA] = CaseGenerator.pickWeighted(r, new String[] {"IDN", "INDONESIA", "Indonesia", "ID", "RI"}, 70, 14, 6, 5, 5);
      String name = who.name();
      v[NAMA] = r.chance(0.5) ? name.toUpperCase(Locale.ROOT) : r.chance(0.04) ? Names.typo(r, name) : name;
      v[JENIS_KELAMIN] = who.sex().isEmpty() ? "" : who.sex().equals("M")
          ? CaseGenerator.pickWeighted(r, new String[] {"L", "Laki-laki", "LAKI-LAKI", "PRIA"}, 80, 12, 5, 3)
          : CaseGenerator.pickWeighted(r, new String[] {"P", "Perempuan", "PEREMPUAN", "WANITA"}, 80, 12, 5, 3);
      v[TANGGAL_LAHIR] = who.birth() == null ? "" : who.birth().toString();
      v[PROVINSI_ASAL] = r.chance(0.05) ? "" : CaseGenerator.spellOrigin(r, CaseGenerator.origin(r));
      v[ALAMAT] = Provinces.district(r, who.province());
      v[ALAMAT_PROVINSI] = r.chance(0.03) ? "" : Provinces.spell(r, who.province());
      v[PEKERJAAN] = occupation(r);
      v[TANGGAL_REGISTRASI] = day.toString();
      v[STATUS] = r.chance(0.9) ? "AKTIF" : "Aktif";
      v[TERAKHIR_DIPERBARUI] = TIME.format(day.atTime(r.between(6, 23), r.between(0, 59), r.between(0, 59)));
      return v;
    }

    private static String occupation(Rng r) {
      String o = OCCUPATIONS[r.weighted(OCCUPATION_WEIGHTS)];
      double u = r.unit();
      if (u < 0.7) {
        return o;
      }
      if (u < 0.9) {
        return capitalise(o);
      }
      return u < 0.97 ? o.replace(" ", "  ") : o + " ";
    }

    /** One version failing exactly one rule; its registration number is its own. */
    void junk(long j, Monthly files) throws IOException {
      Rng r = Rng.of(seed ^ JUNK_SALT, j);
      LocalDate day = r.date(FIRST_MONTH.atDay(1), Span.END.minusDays(2));
      String sex = r.chance(0.6) ? "M" : "F";
      long index = residents.embassyBase() + freshPersons + j;
      Who who = new Who(Nationality.IDN.docNumber(index), Names.full(r, Nationality.IDN, sex), sex,
          day.minusYears(r.between(20, 45)), r.weighted(Nationality.Mix.INDONESIAN.weights));
      String[] v = row(r, who, day, number(day));
      switch (r.weighted(20, 12, 14, 12, 10, 10, 10, 12)) {
        case 0 -> v[TANGGAL_REGISTRASI] = r.pick(new String[] {"2023-02-29", "2022-04-31", "2024-06-31", "2021-09-31"});
        case 1 -> v[JENIS_KELAMIN] = r.pick(new String[] {"X", "LP", "?"});
        case 2 -> v[PROVINSI_ASAL] = r.pick(new String[] {"JAWA", "SUMATERA", "KALIMANTAN", "MEDAN"});
        case 3 -> v[NEGARA] = r.pick(new String[] {"INA", "IDM", "XXX"});
        case 4 -> v[NO_PASPOR] = "";
        case 5 -> v[ALAMAT_PROVINSI] = r.pick(new String[] {"Bangkok", "Ho Chi Minh", "Unknown", "N/A"});
        case 6 -> v[STATUS] = r.pick(new String[] {"?", "MENUNGGU", "TIDAK AKTIF"});
        default -> v[TANGGAL_REGISTRASI] = day.plusDays(r.between(3, 60)).toString();
      }
      files.write(LocalDateTime.parse(v[TERAKHIR_DIPERBARUI], TIME), CaseGenerator.line(v), false);
    }
  }

  private static String capitalise(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean start = true;
    for (char c : s.toCharArray()) {
      b.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
      start = c == ' ' || c == '/';
    }
    return b.toString();
  }

  /** Largest-remainder allocation over the weights (long counts). */
  static long[] allocate(long total, double[] weights) {
    double sum = Arrays.stream(weights).sum();
    long[] out = new long[weights.length];
    double[] rest = new double[weights.length];
    long given = 0;
    for (int i = 0; i < weights.length; i++) {
      double exact = total * weights[i] / sum;
      out[i] = (long) Math.floor(exact);
      rest[i] = exact - out[i];
      given += out[i];
    }
    for (long k = given; k < total; k++) {
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
}
