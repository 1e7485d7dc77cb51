package org.migstat.generate;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.migstat.generate.CaseGenerator.Gz;
import org.migstat.generate.CaseGenerator.Resident;
import org.migstat.generate.CaseGenerator.Residents;

/**
 * Entry and exit events from host immigration (crossings/crossings_YYYY-MM-DD.csv.gz, 2022-01 ..
 * 2024-12). The border system sends a daily batch; to keep the repository small the bundled sample
 * holds one file per month, named with the month's last day, that is the month's daily batches
 * concatenated in day order. A row is in the batch of the day it was last updated (an event synced
 * after midnight is in the next day's batch); a re-sent event is repeated in the next day's batch.
 *
 * <p>Travellers: the Indonesian residents of the host registry (same passports as the resident
 * sample: they arrive shortly before registering, go home on visits, leave after deregistering),
 * Indonesian visitors (tourists, business, frequent travellers, recruits who enter on a tourist visa
 * and stay), and visitors of other nationalities. Calibrated so that Indonesian entries January–
 * September 2024 are about 123,000 at scale 1 (the generator reports the exact figure it wrote).
 *
 * <p>Streaming in two passes: each traveller's events go to a temporary file per output month; then
 * each month is split into its daily batches and written out. Memory does not grow with the scale.
 */
public final class BorderGenerator {
  private BorderGenerator() {}

  static final String FOLDER = "crossings";
  static final YearMonth FIRST_MONTH = Span.FIRST_MONTH;
  static final CaseGenerator.Mess MESS = new CaseGenerator.Mess(YearMonth.of(2023, 8), YearMonth.of(2022, 3),
      YearMonth.of(2022, 6), YearMonth.of(2023, 10));
  static final String[] HEADER = org.migstat.catalog.CaseTables.CROSSING_RAW_COLUMNS.split(",");
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter ID_DAY = DateTimeFormatter.ofPattern("yyMMdd");
  /** Siem Reap International (REP) closed; Siem Reap-Angkor International (SAI) opened the next day. */
  static final LocalDate SAI_OPENED = LocalDate.of(2023, 10, 16);

  /** Indonesian visitors (not residents of the host registry) per scale. */
  static final int IDN_VISITORS_PER_SCALE = 130_000;
  static final int JUNK_PER_SCALE = 300;
  static final double DUPLICATE = 0.012;
  static final double CORRECTION = 0.003;
  static final double HOME_VISIT_PER_YEAR = 0.35;

  private static final long RESIDENT_SALT = 0x424F_5244_5231L;
  private static final long VISITOR_SALT = 0x424F_5244_5632L;
  private static final long JUNK_SALT = 0x424F_5244_4A33L;

  // ---- checkpoints and visas ---------------------------------------------------------------------

  /** Checkpoint codes; index 1 is Siem Reap airport, REP or SAI by date. */
  static final String[] CHECKPOINTS = {"PNH", "SIEM_REAP", "KOS", "BAVET", "POIPET", "CHAM_YEAM", "O_SMACH", "PREK_CHAK",
      "KAORM_SAMNOR", "TRAPEANG_KRIEL"};
  static final boolean[] AIRPORT = {true, true, true, false, false, false, false, false, false, false};
  /** How the border system spells each code (first: the code itself). */
  static final Map<String, String[]> CHECKPOINT_SPELLINGS = Map.ofEntries(
      Map.entry("PNH", new String[] {"PNH", "Phnom Penh Intl", "PP Airport"}),
      Map.entry("REP", new String[] {"REP", "Siem Reap Intl"}),
      Map.entry("SAI", new String[] {"SAI", "Siem Reap Angkor"}),
      Map.entry("KOS", new String[] {"KOS", "Sihanouk Intl"}),
      Map.entry("BAVET", new String[] {"BAVET", "Bavet Intl", "Bavet-Moc Bai"}),
      Map.entry("POIPET", new String[] {"POIPET", "Poi Pet", "Poipet Intl"}),
      Map.entry("CHAM_YEAM", new String[] {"CHAM_YEAM", "Cham Yeam", "Chamyeam"}),
      Map.entry("O_SMACH", new String[] {"O_SMACH", "O Smach"}),
      Map.entry("PREK_CHAK", new String[] {"PREK_CHAK", "Prek Chak"}),
      Map.entry("KAORM_SAMNOR", new String[] {"KAORM_SAMNOR", "Kaorm Samnor"}),
      Map.entry("TRAPEANG_KRIEL", new String[] {"TRAPEANG_KRIEL", "Trapeang Kriel"}));

  static final String[] VISAS = {"T", "VOA", "EVISA", "E", "VE", "K", "D"};
  static final Map<String, String[]> VISA_SPELLINGS = Map.of(
      "T", new String[] {"T", "TOURIST", "T-VISA"},
      "VOA", new String[] {"VOA", "Visa on Arrival"},
      "EVISA", new String[] {"EVISA", "E-VISA", "EV"},
      "E", new String[] {"E", "ORDINARY", "BUSINESS", "EB"},
      "VE", new String[] {"VE", "EXEMPT", "ASEAN"},
      "K", new String[] {"K"},
      "D", new String[] {"D", "OFFICIAL"});
  static final String[][] DIRECTION_SPELLINGS = {{"IN", "ENTRY", "ARR", "I", "in"}, {"OUT", "EXIT", "DEP", "O", "out"}};

  /** Who travels how: checkpoint weights (over {@link #CHECKPOINTS}) and visa weights (over {@link #VISAS}). */
  enum Profile {
    IDN_RESIDENT(new double[] {78, 3, 4, 8, 6, 1, 0, 0, 0, 0}, new double[] {12, 6, 0, 72, 10, 0, 0}),
    IDN_VISITOR(new double[] {60, 12, 6, 10, 9, 2, 0.5, 0.3, 0.2, 0}, new double[] {25, 15, 10, 12, 38, 0, 0}),
    IDN_RECRUIT(new double[] {48, 2, 10, 18, 15, 5, 2, 0, 0, 0}, new double[] {35, 15, 10, 5, 35, 0, 0}),
    CHINESE(new double[] {55, 15, 25, 3, 2, 0, 0, 0, 0, 0}, new double[] {45, 10, 20, 25, 0, 0, 0.5}),
    VIETNAMESE(new double[] {25, 5, 0, 45, 0, 0, 0, 10, 15, 0}, new double[] {3, 0, 0, 15, 78, 4, 0}),
    THAI(new double[] {20, 12, 0, 0, 45, 12, 11, 0, 0, 0}, new double[] {5, 0, 0, 20, 75, 0, 0}),
    LAO(new double[] {30, 10, 0, 0, 0, 0, 0, 0, 0, 60}, new double[] {5, 0, 0, 15, 80, 0, 0}),
    ASEAN_AIR(new double[] {65, 30, 5, 0, 0, 0, 0, 0, 0, 0}, new double[] {5, 0, 0, 20, 75, 0, 0}),
    FAR(new double[] {60, 35, 5, 0, 0, 0, 0, 0, 0, 0}, new double[] {35, 30, 25, 10, 0, 0, 0.5});

    final double[] checkpoints;
    final double[] visas;

    Profile(double[] checkpoints, double[] visas) {
      this.checkpoints = checkpoints;
      this.visas = visas;
    }
  }

  /** Visitors of other nationalities per scale, and how they travel. */
  private record Visitors(Nationality nat, int perScale, Profile profile, double longStay) {}

  private static final List<Visitors> OTHERS = List.of(
      new Visitors(Nationality.CHN, 14_000, Profile.CHINESE, 0.15),
      new Visitors(Nationality.VNM, 10_000, Profile.VIETNAMESE, 0.10),
      new Visitors(Nationality.THA, 7_000, Profile.THAI, 0.06),
      new Visitors(Nationality.KOR, 3_000, Profile.FAR, 0.06),
      new Visitors(Nationality.JPN, 2_000, Profile.FAR, 0.05),
      new Visitors(Nationality.PHL, 2_000, Profile.ASEAN_AIR, 0.10),
      new Visitors(Nationality.MYS, 2_000, Profile.ASEAN_AIR, 0.08),
      new Visitors(Nationality.USA, 1_500, Profile.FAR, 0.04),
      new Visitors(Nationality.FRA, 1_000, Profile.FAR, 0.04),
      new Visitors(Nationality.GBR, 1_000, Profile.FAR, 0.04),
      new Visitors(Nationality.AUS, 800, Profile.FAR, 0.04),
      new Visitors(Nationality.LAO, 800, Profile.LAO, 0.05),
      new Visitors(Nationality.MMR, 300, Profile.ASEAN_AIR, 0.10),
      new Visitors(Nationality.IND, 600, Profile.FAR, 0.10));

  /** Relative arrivals per month from 2021-07 (six months before the first extract) to 2024-12. */
  static double[] monthWeights(boolean chinese) {
    int n = 42;
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      int m = i - 6;
      double trend = m < 0 ? 0.2 : m < 12 ? 0.28 + 0.02 * m : m < 24 ? 0.55 + 0.035 * (m - 12) : 0.96 + 0.012 * (m - 24);
      if (chinese && m < 13) {
        trend *= 0.3;
      }
      int month = (m + 12 * 3) % 12;
      double season = month == 11 || month == 0 ? 1.12 : month == 3 ? 1.06 : month == 8 ? 0.94 : 1.0;
      w[i] = trend * season;
    }
    return w;
  }

  private static final double[] WEIGHTS = monthWeights(false);
  private static final double[] WEIGHTS_CHINESE = monthWeights(true);

  // ---- generation ---------------------------------------------------------------------------------

  public static Map<String, Long> generate(int scale, long seed, Path out, Consumer<String> progress)
      throws IOException {
    if (scale < 1) {
      throw new IllegalArgumentException("scale must be at least 1, got " + scale);
    }
    long t0 = System.nanoTime();
    Path dir = out.resolve(FOLDER);
    CaseGenerator.clear(dir);
    Path work = dir.resolve(".work");
    deleteTree(work);
    Files.createDirectories(work);
    Residents residents = new Residents(scale, seed);
    Run run = new Run(seed, work);
    try {
      for (long rank = 0; rank < residents.count; rank++) {
        run.resident(rank, residents.get(rank));
      }
      progress.accept(String.format("crossings: %,d Indonesian residents travelled", residents.count));
      long index = residents.travellerBase();
      for (long i = 0; i < (long) IDN_VISITORS_PER_SCALE * scale; i++) {
        run.visitor(index++, Nationality.IDN, Profile.IDN_VISITOR, 0);
      }
      progress.accept("crossings: Indonesian visitors done");
      for (Visitors v : OTHERS) {
        for (long i = 0; i < (long) v.perScale() * scale; i++) {
          run.visitor(index++, v.nat(), v.profile(), v.longStay());
        }
      }
      for (long j = 0; j < (long) JUNK_PER_SCALE * scale; j++) {
        run.junk(j, index++);
      }
      progress.accept(String.format("crossings: %,d events, writing the daily batches", run.events));
      Map<String, Long> result = new LinkedHashMap<>(run.writeBatches(dir));
      result.put("crossings.events", run.events);
      result.put("crossings.idn_entries_2024_jan_sep", run.idnEntriesJanSep2024);
      result.put("crossings.idn_entries_2024", run.idnEntries2024);
      result.put("crossings.junk", (long) JUNK_PER_SCALE * scale);
      result.put("crossings.millis", (System.nanoTime() - t0) / 1_000_000);
      progress.accept(String.format("crossings: %,d events in %d files, %,d bytes", run.events,
          result.get("crossings.files"), result.get("crossings.bytes")));
      return result;
    } finally {
      run.closeTemp();
      deleteTree(work);
    }
  }

  /** One crossing before it is written: who, which way, where, when, on which visa. */
  private record Crossing(String docType, String docNumber, String docCountry, String iso3, String citizenship,
                          boolean in, int checkpoint, LocalDateTime at, String visa) {}

  private static final class Run {
    final long seed;
    final Path work;
    final int months = (int) FIRST_MONTH.until(Span.LAST_MONTH, ChronoUnit.MONTHS) + 1;
    final Writer[] temp = new Writer[months];
    final Map<Long, int[]> serials = new HashMap<>();
    long events;
    long idnEntriesJanSep2024;
    long idnEntries2024;

    Run(long seed, Path work) throws IOException {
      this.seed = seed;
      this.work = work;
      for (int i = 0; i < months; i++) {
        OutputStream os = new GZIPOutputStream(Files.newOutputStream(work.resolve(i + ".tmp.gz")), 1 << 16) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        };
        temp[i] = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
      }
    }

    // ---- travellers -----------------------------------------------------------------------------

    /** An Indonesian resident: arrives before registering, visits home, leaves after deregistering. */
    void resident(long rank, Resident res) throws IOException {
      Rng r = Rng.of(seed ^ RESIDENT_SALT, rank);
      Person p = res.person();
      String docType = p.docType().equals("PASSPORT") ? passport(r) : "TRAVEL_DOC";
      Traveller t = new Traveller(docType, p.docNumber(), "IDN", citizenship(r, "IDN"));
      List<Crossing> out = new ArrayList<>();
      LocalDate registered = res.registered();
      LocalDate left = res.left();
      LocalDate from = Span.max(registered, Span.START);
      LocalDate until = left == null ? Span.END : Span.min(left, Span.END);
      if (!registered.isBefore(Span.START.plusDays(40))) {
        LocalDate arrival = registered.minusDays(r.between(1, 40));
        int cp = r.weighted(Profile.IDN_RESIDENT.checkpoints);
        out.add(t.crossing(true, cp, time(r, arrival, cp), VISAS[r.weighted(Profile.IDN_RESIDENT.visas)]));
      }
      for (int year = 2022; year <= 2024; year++) {
        LocalDate a = Span.max(from.plusDays(30), LocalDate.of(year, 1, 1));
        LocalDate b = Span.min(until.minusDays(40), LocalDate.of(year, 12, 31));
        if (!a.isAfter(b) && r.chance(HOME_VISIT_PER_YEAR)) {
          LocalDate go = r.date(a, b);
          LocalDate back = go.plusDays(r.between(7, 30));
          int cp = r.chance(0.85) ? 0 : r.weighted(Profile.IDN_RESIDENT.checkpoints);
          String visa = r.chance(0.9) ? "E" : "VE";
          out.add(t.crossing(false, cp, time(r, go, cp), r.chance(0.7) ? visa : ""));
          out.add(t.crossing(true, cp, time(r, back, cp), visa));
        }
      }
      if (left != null && !left.isBefore(Span.START)) {
        LocalDate exit = left.plusDays(r.between(0, 10));
        int cp = r.weighted(Profile.IDN_RESIDENT.checkpoints);
        out.add(t.crossing(false, cp, time(r, exit, cp), r.chance(0.7) ? "E" : ""));
      }
      write(r, out);
    }

    /**
     * A visitor: a few short trips (tourism, business), many short trips (traders), or one long stay —
     * for Indonesians, recruits who enter on a tourist visa or visa-free and stay months, some never
     * leaving within the extracts.
     */
    void visitor(long index, Nationality nat, Profile profile, double longStay) throws IOException {
      Rng r = Rng.of(seed ^ VISITOR_SALT, index);
      String iso = nat.name();
      Traveller t = new Traveller(passport(r), nat.docNumber(index), iso, citizenship(r, iso));
      double[] weights = nat == Nationality.CHN ? WEIGHTS_CHINESE : WEIGHTS;
      int m = r.weighted(weights);
      LocalDate start = YearMonth.of(2021, 7).plusMonths(m).atDay(1);
      LocalDate first = r.date(start, start.plusDays(start.lengthOfMonth() - 1));
      List<Crossing> out = new ArrayList<>();
      if (nat == Nationality.IDN) {
        switch (r.weighted(70, 6, 14, 10)) {
          case 0 -> trips(r, t, out, first, Profile.IDN_VISITOR, tripCount(r), 2, 21, 20, 240);
          case 1 -> trips(r, t, out, first, Profile.IDN_VISITOR, r.between(5, 14), 2, 10, 10, 60);
          case 2 -> {
            // Recruited for a scam compound: tourist visa or visa-free, then months inside.
            boolean leaves = r.chance(0.7);
            trips(r, t, out, first, Profile.IDN_RECRUIT, 1, 60, leaves ? 500 : 5000, 0, 0);
          }
          default -> trips(r, t, out, first, Profile.IDN_VISITOR, 1, 90, 600, 0, 0);
        }
      } else if (r.chance(longStay)) {
        trips(r, t, out, first, profile, 1, 60, 420, 0, 0);
      } else {
        trips(r, t, out, first, profile, tripCount(r), 2, 14, 30, 300);
      }
      write(r, out);
    }

    private static int tripCount(Rng r) {
      double u = r.unit();
      return u < 0.72 ? 1 : u < 0.92 ? 2 : r.between(3, 5);
    }

    /** Consecutive trips: stays of minStay..maxStay days, gaps of minGap..maxGap days between them. */
    private static void trips(Rng r, Traveller t, List<Crossing> out, LocalDate first, Profile p, int count,
                              int minStay, int maxStay, int minGap, int maxGap) {
      LocalDate in = first;
      String visa = VISAS[r.weighted(p.visas)];
      for (int i = 0; i < count && !in.isAfter(Span.END); i++) {
        int cpIn = r.weighted(p.checkpoints);
        int cpOut = r.chance(0.8) ? cpIn : r.weighted(p.checkpoints);
        LocalDate exit = in.plusDays(r.between(minStay, maxStay));
        out.add(t.crossing(true, cpIn, time(r, in, cpIn), visa));
        out.add(t.crossing(false, cpOut, time(r, exit, cpOut), r.chance(0.7) ? visa : ""));
        in = exit.plusDays(r.between(Math.max(1, minGap), Math.max(1, maxGap)));
        if (r.chance(0.3)) {
          visa = VISAS[r.weighted(p.visas)];
        }
      }
    }

    /** One event failing exactly one rule (a traveller of its own). */
    void junk(long j, long index) throws IOException {
      Rng r = Rng.of(seed ^ JUNK_SALT, j);
      LocalDate day = r.date(Span.START, Span.END.minusDays(2));
      Traveller t = new Traveller(passport(r), Nationality.IDN.docNumber(index), "IDN", "IDN");
      int cp = r.weighted(Profile.IDN_VISITOR.checkpoints);
      Crossing c = t.crossing(true, cp, time(r, day, cp), VISAS[r.weighted(Profile.IDN_VISITOR.visas)]);
      String[] v = fields(r, c, eventId(c));
      switch (r.weighted(20, 15, 15, 12, 12, 14, 12)) {
        case 0 -> v[4] = r.pick(Countries.UNKNOWN);
        case 1 -> v[6] = r.pick(new String[] {"HANOI", "Phnom Penh Port", "KOH KONG PORT"});
        case 2 -> v[7] = r.pick(new String[] {"2023-02-30", "2024-04-31", "2022-06-31"}) + v[7].substring(10);
        case 3 -> v[2] = "";
        case 4 -> v[5] = r.pick(new String[] {"X", "TRANSIT", "?"});
        case 5 -> v[8] = r.pick(new String[] {"STUDENT", "Q", "XX"});
        default -> v[9] = TIME.format(c.at().minusDays(r.between(1, 30)));
      }
      emit(c.at(), CaseGenerator.line(v), false);
      events++;
    }

    // ---- writing --------------------------------------------------------------------------------

    private void write(Rng r, List<Crossing> crossings) throws IOException {
      for (Crossing c : crossings) {
        if (c.at().toLocalDate().isBefore(Span.START) || c.at().isAfter(Span.HORIZON)) {
          continue;
        }
        String[] v = fields(r, c, eventId(c));
        LocalDateTime updated = LocalDateTime.parse(v[9], TIME);
        boolean resent = r.chance(DUPLICATE);
        if (updated.isAfter(Span.HORIZON)) {
          continue; // synced after the last extract
        }
        emit(updated, CaseGenerator.line(v), resent);
        events++;
        if (c.in() && c.iso3().equals("IDN")) {
          LocalDate d = c.at().toLocalDate();
          if (d.getYear() == 2024) {
            idnEntries2024++;
            if (d.getMonthValue() <= 9) {
              idnEntriesJanSep2024++;
            }
          }
        }
        if (r.chance(CORRECTION)) {
          // Corrected days later: the visa or the checkpoint was keyed wrongly.
          String[] fixed = v.clone();
          if (c.in() && r.chance(0.6)) {
            fixed[8] = spell(r, VISAS[r.weighted(10, 5, 5, 40, 40, 0, 0)], VISA_SPELLINGS);
          } else {
            fixed[6] = spell(r, code(r.weighted(60, 10, 10, 10, 10, 0, 0, 0, 0, 0), c.at().toLocalDate()),
                CHECKPOINT_SPELLINGS);
          }
          LocalDateTime later = updated.plusDays(r.between(1, 5)).plusMinutes(r.between(1, 600));
          if (!later.isAfter(Span.HORIZON)) {
            fixed[9] = TIME.format(later);
            emit(later, CaseGenerator.line(fixed), false);
          }
        }
      }
    }

    /** Checkpoint code, date and the day's serial at that checkpoint: PNH-240305-000123. */
    private String eventId(Crossing c) {
      LocalDate d = c.at().toLocalDate();
      String code = code(c.checkpoint(), d);
      long key = c.checkpoint() * 1_000_000L + d.toEpochDay();
      int serial = ++serials.computeIfAbsent(key, k -> new int[1])[0];
      return code + "-" + ID_DAY.format(d) + "-" + Ids.pad(serial, 6);
    }

    private static String[] fields(Rng r, Crossing c, String id) {
      String[] v = new String[HEADER.length];
      v[0] = id;
      v[1] = c.docType();
      v[2] = r.chance(0.01) ? c.docNumber().toLowerCase(Locale.ROOT) : c.docNumber();
      v[3] = c.docCountry();
      v[4] = c.citizenship();
      double u = r.unit();
      String[] dir = DIRECTION_SPELLINGS[c.in() ? 0 : 1];
      v[5] = u < 0.9 ? dir[0] : dir[r.between(1, dir.length - 1)];
      v[6] = spell(r, code(c.checkpoint(), c.at().toLocalDate()), CHECKPOINT_SPELLINGS);
      v[7] = TIME.format(c.at());
      v[8] = c.visa().isEmpty() ? "" : spell(r, c.visa(), VISA_SPELLINGS);
      LocalDateTime updated = r.chance(0.7) ? c.at() : c.at().plusSeconds(r.between(1, 900));
      v[9] = TIME.format(updated);
      return v;
    }

    /**
     * Into the temporary file of the output month of the batch, with the batch's place in that file
     * (the failed month's batches come first in the next month's file). A re-sent row goes into the
     * next day's batch as well.
     */
    private void emit(LocalDateTime updated, String line, boolean resent) throws IOException {
      LocalDate day = updated.toLocalDate();
      place(day, line);
      if (resent) {
        place(day.plusDays(1).isAfter(Span.END) ? day : day.plusDays(1), line);
      }
    }

    private void place(LocalDate day, String line) throws IOException {
      YearMonth m = YearMonth.from(day);
      int bucket = day.getDayOfMonth() - 1;
      if (m.equals(MESS.empty())) {
        m = m.plusMonths(1);
      } else {
        bucket += 31;
      }
      int file = (int) FIRST_MONTH.until(m, ChronoUnit.MONTHS);
      temp[file].write(Integer.toString(bucket));
      temp[file].write('\t');
      temp[file].write(line);
      temp[file].write('\n');
    }

    /** Second pass: each month's rows split into daily batches, concatenated in day order. */
    Map<String, Long> writeBatches(Path dir) throws IOException {
      closeTemp();
      long rows = 0;
      long bytes = 0;
      int files = 0;
      for (int i = 0; i < months; i++) {
        YearMonth m = FIRST_MONTH.plusMonths(i);
        String name = "crossings_" + m.atEndOfMonth() + ".csv";
        if (m.equals(MESS.empty())) {
          Files.write(dir.resolve(name), new byte[0]);
          files++;
          continue;
        }
        Path[] buckets = new Path[62];
        Writer[] bw = new Writer[62];
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(work.resolve(i + ".tmp.gz")), 1 << 16), StandardCharsets.UTF_8))) {
          for (String l; (l = in.readLine()) != null; ) {
            int tab = l.indexOf('\t');
            int b = Integer.parseInt(l, 0, tab, 10);
            if (bw[b] == null) {
              buckets[b] = work.resolve("bucket-" + b + ".tmp");
              bw[b] = Files.newBufferedWriter(buckets[b], StandardCharsets.UTF_8);
            }
            bw[b].write(l, tab + 1, l.length() - tab - 1);
            bw[b].write('\n');
          }
        }
        Gz gz = new Gz(dir.resolve(name + ".gz"), CaseGenerator.line(HEADER), m.equals(MESS.bom()), false,
            m.equals(MESS.truncated()));
        for (int b = 0; b < 62; b++) {
          if (bw[b] == null) {
            continue;
          }
          bw[b].close();
          try (BufferedReader in = Files.newBufferedReader(buckets[b], StandardCharsets.UTF_8)) {
            for (String l; (l = in.readLine()) != null; ) {
              gz.write(l, false);
            }
          }
          Files.delete(buckets[b]);
        }
        gz.close();
        Files.delete(work.resolve(i + ".tmp.gz"));
        rows += gz.rows();
        bytes += Files.size(gz.path());
        files++;
        if (m.equals(MESS.resent())) {
          Files.copy(gz.path(), dir.resolve("crossings_" + m.atEndOfMonth() + "_resend.csv.gz"));
          rows += gz.rows();
          bytes += Files.size(gz.path());
          files++;
        }
      }
      Map<String, Long> stats = new LinkedHashMap<>();
      stats.put("crossings.files", (long) files);
      stats.put("crossings.rows", rows);
      stats.put("crossings.bytes", bytes);
      return stats;
    }

    void closeTemp() throws IOException {
      for (int i = 0; i < months; i++) {
        if (temp[i] != null) {
          temp[i].close();
          temp[i] = null;
        }
      }
    }
  }

  /** A traveller's document as the border system reads it (machine-readable zone: few slips). */
  private record Traveller(String docType, String docNumber, String iso3, String citizenship) {
    Crossing crossing(boolean in, int checkpoint, LocalDateTime at, String visa) {
      return new Crossing(docType, docNumber, iso3, iso3, citizenship, in, checkpoint, at, visa);
    }
  }

  private static String passport(Rng r) {
    double u = r.unit();
    return u < 0.9 ? "PASSPORT" : u < 0.96 ? "P" : u < 0.98 ? "PP" : "Passport";
  }

  /** Citizenship as keyed: the code, sometimes alpha-2, a name, or with a trailing space. */
  private static String citizenship(Rng r, String iso3) {
    return Countries.citizenship(r, iso3);
  }

  private static String code(int checkpoint, LocalDate day) {
    return checkpoint == 1 ? (day.isBefore(SAI_OPENED) ? "REP" : "SAI") : CHECKPOINTS[checkpoint];
  }

  private static String spell(Rng r, String code, Map<String, String[]> spellings) {
    String[] s = spellings.get(code);
    double u = r.unit();
    if (u < 0.88 || s.length == 1) {
      return u > 0.985 ? code.toLowerCase(Locale.ROOT) : code;
    }
    return s[r.between(1, s.length - 1)];
  }

  /** A moment at the checkpoint that day: airports 05:00-23:59, land crossings 07:00-19:59. */
  private static LocalDateTime time(Rng r, LocalDate day, int checkpoint) {
    return AIRPORT[checkpoint] ? day.atTime(r.between(5, 23), r.between(0, 59), r.between(0, 59))
        : day.atTime(r.between(7, 19), r.between(0, 59), r.between(0, 59));
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
