package org.migstat.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.migstat.catalog.Indicator;
import org.migstat.catalog.IndicatorCatalog;
import org.migstat.catalog.Text;

/**
 * The statisticians' files under {@code data/}: each publish table as CSV and as SDMX-CSV, one XLSX workbook,
 * and the catalogue as JSON. Every file holds exactly the published cells, nothing computed.
 */
final class DataFiles {
  private DataFiles() {}

  static final String WORKBOOK = "migstat-release.xlsx";
  /** Excel's row limit, header included. */
  private static final int MAX_SHEET_ROWS = 1_048_576;
  private static final DateTimeFormatter LAST_UPDATE =
      DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Column names of a publish table, in schema order. */
  static List<String> columns(Indicator ind) {
    List<String> cols = new ArrayList<>(List.of("indicator", "time_period", "period_start", "period_end"));
    cols.addAll(ind.dimensions());
    cols.addAll(List.of("measure", "value", "flag", "definition_version", "run_id", "release_id", "reference_date"));
    return cols;
  }

  // ---- CSV --------------------------------------------------------------------------------------

  static void writeCsv(PublishedTable t, Path file) throws IOException {
    try (CsvOut csv = new CsvOut(file)) {
      csv.texts(columns(t.indicator())).endRow();
      for (PublishedCell c : t.cells()) {
        csv.text(c.indicator()).text(c.timePeriod()).text(iso(c.periodStart())).text(iso(c.periodEnd()))
            .texts(c.dims()).text(c.measure()).number(c.value()).text(c.flag())
            .text(c.definitionVersion()).text(c.runId()).text(c.releaseId()).text(iso(c.referenceDate())).endRow();
      }
    }
  }

  private static String iso(LocalDate d) {
    return d == null ? null : d.toString();
  }

  // ---- SDMX-CSV ---------------------------------------------------------------------------------

  /**
   * SDMX's dataset-level comment attribute (cross-domain concept COMMENT_DSET): the synthetic-data notice in both
   * languages on every row of a synthetic release, empty otherwise.
   */
  static final String COMMENT_DSET = "COMMENT_DSET";

  /** Columns of a table's SDMX-CSV file, in the layout of Eurostat's (see shared/realdata). */
  static List<String> sdmxColumns(Indicator ind) {
    List<String> cols = new ArrayList<>(List.of("DATAFLOW", "LAST UPDATE", "freq"));
    cols.addAll(ind.dimensions());
    cols.addAll(List.of("measure", "unit", "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS", COMMENT_DSET));
    return cols;
  }

  /**
   * SDMX-CSV: codes (not labels; {@code _T} is SDMX's own total code), one row per published cell.
   * DATAFLOW {@code MIGSTAT:<ID>(<definition version>)}; LAST UPDATE the run's end time in Eurostat's format;
   * freq A/Q/M/D from the period ({@code _O} for other spans, whose TIME_PERIOD is ISO 8601 start/duration);
   * the measure as a dimension and a unit code (PER persons, PC percent, P_HTHAB per 100,000, NR other);
   * suppressed cells have an empty OBS_VALUE and CONF_STATUS C, censored {@code [<5]} ones CONF_STATUS A;
   * COMMENT_DSET says "synthetic demonstration data — not official statistics" when the release is synthetic.
   */
  static void writeSdmx(PublishedTable t, BuildStamp stamp, DataOrigin origin, Path file) throws IOException {
    String comment = origin.synthetic() ? DataOrigin.noticeBothLanguages() : null;
    Indicator ind = t.indicator();
    String dataflow = "MIGSTAT:" + ind.id().toUpperCase(Locale.ROOT) + "(" + ind.definitionVersion() + ")";
    String lastUpdate = stamp.runEndedAt() == null ? "" : LAST_UPDATE.format(stamp.runEndedAt());
    try (CsvOut csv = new CsvOut(file)) {
      csv.texts(sdmxColumns(ind)).endRow();
      for (PublishedCell c : t.cells()) {
        String[] time = sdmxTime(c);
        boolean hidden = Flags.suppressed(c.flag()) || Flags.censoredBelow(c.flag()) >= 0;
        csv.text(dataflow).text(lastUpdate).text(time[0]).texts(c.dims()).text(c.measure())
            .text(unitCode(ind, c.measure())).text(time[1]).number(hidden ? null : c.value())
            .text(Flags.sdmxObsFlag(c.flag(), hidden ? null : c.value())).text(Flags.sdmxConfStatus(c.flag()))
            .text(comment).endRow();
      }
    }
  }

  /** [freq, TIME_PERIOD] of a cell. */
  static String[] sdmxTime(PublishedCell c) {
    String tp = c.timePeriod() == null ? "" : c.timePeriod().strip();
    if (tp.matches("\\d{4}")) {
      return new String[] {"A", tp};
    }
    if (tp.matches("\\d{4}-Q[1-4]")) {
      return new String[] {"Q", tp};
    }
    if (tp.matches("\\d{4}-\\d{2}")) {
      return new String[] {"M", tp};
    }
    if (tp.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return new String[] {"D", tp};
    }
    LocalDate s = c.periodStart();
    LocalDate e = c.periodEnd();
    if (s != null && e != null) {
      if (s.equals(e)) {
        return new String[] {"D", s.toString()};
      }
      if (s.getDayOfMonth() == 1 && e.equals(YearMonth.from(s).atEndOfMonth())) {
        return new String[] {"M", YearMonth.from(s).toString()};
      }
      if (s.getDayOfYear() == 1 && e.equals(s.withDayOfYear(s.lengthOfYear()))) {
        return new String[] {"A", Integer.toString(s.getYear())};
      }
      return new String[] {"_O", s + "/P" + (ChronoUnit.DAYS.between(s, e) + 1) + "D"};
    }
    return new String[] {"_O", tp};
  }

  /** The SDMX unit code of a measure's values, from its declared unit. */
  static String unitCode(Indicator ind, String measure) {
    switch (unitText(ind, measure)) {
      case "percent":
        return "PC";
      case "persons":
        return "PER";
      default:
        return "NR";
    }
  }

  // ---- XLSX -------------------------------------------------------------------------------------

  /** Column widths are the longest text in the column (in characters), within these bounds. */
  private static final int MIN_WIDTH = 8;
  private static final int MAX_WIDTH = 60;

  /**
   * The column headers of a table's sheet: the publish columns, each code followed by its English and Indonesian
   * label, the measure followed by its labels and its unit, and the value column naming the indicator's unit.
   */
  static List<String> sheetColumns(Indicator ind) {
    List<String> cols = new ArrayList<>(List.of("indicator", "time_period", "period_start", "period_end"));
    for (String d : ind.dimensions()) {
      cols.addAll(List.of(d, d + "_label_en", d + "_label_id"));
    }
    cols.addAll(List.of("measure", "measure_label_en", "measure_label_id", "unit", valueHeader(ind), "flag",
        "definition_version", "run_id", "release_id", "reference_date"));
    return cols;
  }

  static String valueHeader(Indicator ind) {
    return ind.unit() == null || ind.unit().isBlank() ? "value" : "value (" + ind.unit() + ")";
  }

  /** The unit of one measure's values, in words (the SDMX unit code says the same in {@link #unitCode}). */
  static String unitText(Indicator ind, String measure) {
    return Measures.unit(ind.id(), measure);
  }


  /** Tracks the widest text of each column of a sheet, then sets the widths, a frozen header and an autofilter. */
  private static final class Widths {
    private final List<Integer> max = new ArrayList<>();

    void see(int col, String text) {
      while (max.size() <= col) {
        max.add(MIN_WIDTH);
      }
      if (text != null) {
        int longest = 0;
        for (String line : text.split("\n")) {
          longest = Math.max(longest, line.length());
        }
        max.set(col, Math.min(MAX_WIDTH, Math.max(max.get(col), longest + 2)));
      }
    }

    void apply(Sheet s, int lastRow, boolean filter) {
      for (int c = 0; c < max.size(); c++) {
        s.setColumnWidth(c, max.get(c) * 256);
      }
      if (filter && !max.isEmpty()) {
        s.setAutoFilter(new CellRangeAddress(0, Math.max(0, lastRow), 0, max.size() - 1));
        s.createFreezePane(0, 1);
      }
    }
  }

  /**
   * One workbook: a release sheet (build stamp and, for a synthetic release, the notice in both languages),
   * definitions, flags legend, code labels, then a sheet per table. Every sheet has column widths fitted to its
   * text; lists have a frozen header row and an autofilter. Table sheets carry a label column (English and
   * Indonesian) beside each code and the unit in the header row. Text cells are string cells (never formulas),
   * values numeric, dates real dates (yyyy-mm-dd).
   *
   * @return sheet name of each table
   */
  static Map<String, String> writeXlsx(List<PublishedTable> tables, BuildStamp stamp, DataOrigin origin,
                                       Map<String, Map<String, Text>> labels, Path file) throws IOException {
    Map<String, String> sheetOf = new LinkedHashMap<>();
    try (SXSSFWorkbook wb = new SXSSFWorkbook(500)) {
      CellStyle header = wb.createCellStyle();
      Font bold = wb.createFont();
      bold.setBold(true);
      header.setFont(bold);
      header.setWrapText(true);
      CellStyle notice = wb.createCellStyle();
      Font big = wb.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 14);
      notice.setFont(big);
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
      CellStyle wrap = wb.createCellStyle();
      wrap.setWrapText(true);

      Set<String> used = new HashSet<>(List.of("release", "definitions", "flags", "codes"));
      for (PublishedTable t : tables) {
        sheetOf.put(t.indicator().id(), uniqueSheetName(t.indicator().id(), used));
      }

      Sheet release = wb.createSheet("release");
      Widths rw = new Widths();
      int r = 0;
      if (origin.synthetic()) {
        r = kv(release, rw, r, notice, DataOrigin.NOTICE.en(), "");
        r = kv(release, rw, r, notice, DataOrigin.NOTICE.id(), "");
        r++;
      }
      r = kv(release, rw, r, header, "migstat release", "");
      r = kv(release, rw, r, header, "synthetic", Boolean.toString(origin.synthetic()));
      r = kv(release, rw, r, header, "synthetic_evidence", origin.evidence());
      r = kv(release, rw, r, header, "as_of", stamp.asOf().toString());
      r = kv(release, rw, r, header, "run_id", stamp.runId());
      r = kv(release, rw, r, header, "run_as_of", String.valueOf(stamp.runAsOf()));
      r = kv(release, rw, r, header, "run_ended_at", String.valueOf(stamp.runEndedAt()));
      r = kv(release, rw, r, header, "generated_at", stamp.generatedAt().toString());
      r = kv(release, rw, r, header, "definition_version", org.migstat.indicators.Definitions.VERSION);
      if (stamp.releaseId() != null) {
        r = kv(release, rw, r, header, "release_id", stamp.releaseId());
        r = kv(release, rw, r, header, "release", stamp.internal() ? BuildStamp.INTERNAL_NOTICE : "public release");
        r = kv(release, rw, r, header, "data_cutoff", String.valueOf(stamp.dataCutoff()));
      }
      r++;
      Row h = release.createRow(r++);
      String[] th = {"table", "delta_version", "pinned_to_run", "rows"};
      for (int i = 0; i < th.length; i++) {
        text(h, rw, i, th[i], header);
      }
      for (PublishedTable t : tables) {
        Row row = release.createRow(r++);
        text(row, rw, 0, t.table(), null);
        row.createCell(1).setCellValue(t.version());
        text(row, rw, 2, Boolean.toString(t.pinned()), null);
        row.createCell(3).setCellValue(t.cells().size());
      }
      rw.apply(release, r - 1, false);

      Sheet defs = wb.createSheet("definitions");
      Widths dw = new Widths();
      String[] dh = {"indicator", "sheet", "table", "delta_version", "title_en", "title_id", "description_en",
          "description_id", "kind", "unit", "grain", "dimensions", "measures", "family", "source_tables",
          "definition_version", "caveats_en", "caveats_id"};
      Row dr = defs.createRow(0);
      for (int i = 0; i < dh.length; i++) {
        text(dr, dw, i, dh[i], header);
      }
      int di = 1;
      for (PublishedTable t : tables) {
        Indicator ind = t.indicator();
        Row row = defs.createRow(di++);
        String[] v = {ind.id(), sheetOf.get(ind.id()), t.table(), t.available() ? Long.toString(t.version()) : "[x]",
            ind.title().en(), ind.title().id(), ind.description().en(), ind.description().id(),
            String.valueOf(ind.kind()), ind.unit(), ind.grain(), String.join(", ", ind.dimensions()),
            String.join(", ", ind.measures()), ind.family(), String.join(", ", ind.sourceTables()),
            ind.definitionVersion(), join(ind.caveats(), true), join(ind.caveats(), false)};
        for (int i = 0; i < v.length; i++) {
          text(row, dw, i, v[i], i >= 6 ? wrap : null);
        }
      }
      dw.apply(defs, di - 1, true);

      Sheet flags = wb.createSheet("flags");
      Widths fw = new Widths();
      String[] fh = {"flag", "meaning_en", "meaning_id", "sdmx_obs_flag", "sdmx_conf_status", "cells_in_this_release"};
      Row fr = flags.createRow(0);
      for (int i = 0; i < fh.length; i++) {
        text(fr, fw, i, fh[i], header);
      }
      Map<String, Long> flagCounts = Flags.counts(tables);
      int fi = 1;
      for (Flags.Flag f : Flags.LEGEND) {
        Row row = flags.createRow(fi++);
        text(row, fw, 0, f.token(), null);
        text(row, fw, 1, f.meaning().en(), wrap);
        text(row, fw, 2, f.meaning().id(), wrap);
        text(row, fw, 3, f.obsFlag(), null);
        text(row, fw, 4, f.confStatus(), null);
        row.createCell(5).setCellValue(flagCounts.getOrDefault(f.token(), 0L));
      }
      fw.apply(flags, fi - 1, true);

      Sheet codes = wb.createSheet("codes");
      Widths cw = new Widths();
      Row cr = codes.createRow(0);
      String[] ch = {"dimension", "code", "label_en", "label_id"};
      for (int i = 0; i < ch.length; i++) {
        text(cr, cw, i, ch[i], header);
      }
      int ci = 1;
      for (var e : labels.entrySet()) {
        for (var c : e.getValue().entrySet()) {
          Row row = codes.createRow(ci++);
          text(row, cw, 0, e.getKey(), null);
          text(row, cw, 1, c.getKey(), null);
          text(row, cw, 2, c.getValue().en(), null);
          text(row, cw, 3, c.getValue().id(), null);
        }
      }
      cw.apply(codes, ci - 1, true);

      for (PublishedTable t : tables) {
        Indicator ind = t.indicator();
        SXSSFSheet s = wb.createSheet(sheetOf.get(ind.id()));
        Widths w = new Widths();
        List<String> cols = sheetColumns(ind);
        Row hr = s.createRow(0);
        for (int i = 0; i < cols.size(); i++) {
          text(hr, w, i, cols.get(i), header);
        }
        if (!t.available()) {
          text(s.createRow(1), null, 0, "[x] " + t.table() + " was not published in this release", null);
          w.apply(s, 0, true);
          continue;
        }
        if (t.cells().size() >= MAX_SHEET_ROWS) {
          text(s.createRow(1), null, 0, "too many rows for one sheet: see " + ind.id() + ".csv", null);
          w.apply(s, 0, true);
          continue;
        }
        List<Map<String, Text>> dimLabels = ind.dimensions().stream()
            .map(d -> labels.getOrDefault(d, Map.of())).toList();
        int ri = 1;
        for (PublishedCell c : t.cells()) {
          Row row = s.createRow(ri++);
          int k = 0;
          text(row, w, k++, c.indicator(), null);
          text(row, w, k++, c.timePeriod(), null);
          w.see(k, "yyyy-mm-dd");
          dateCell(row, k++, c.periodStart(), date);
          w.see(k, "yyyy-mm-dd");
          dateCell(row, k++, c.periodEnd(), date);
          for (int d = 0; d < c.dims().size(); d++) {
            String code = c.dims().get(d);
            Text label = dimLabels.get(d).get(code);
            text(row, w, k++, code, null);
            text(row, w, k++, label == null ? code : label.en(), null);
            text(row, w, k++, label == null ? code : label.id(), null);
          }
          Text ml = Measures.label(ind.id(), c.measure());
          text(row, w, k++, c.measure(), null);
          text(row, w, k++, ml.en(), null);
          text(row, w, k++, ml.id(), null);
          text(row, w, k++, unitText(ind, c.measure()), null);
          Cell v = row.createCell(k++);
          if (c.value() != null) {
            v.setCellValue(c.value());
          }
          text(row, w, k++, c.flag(), null);
          text(row, w, k++, c.definitionVersion(), null);
          text(row, w, k++, c.runId(), null);
          text(row, w, k++, c.releaseId(), null);
          dateCell(row, k, c.referenceDate(), date);
        }
        w.apply(s, ri - 1, true);
      }
      // the release's own time, not the clock: exporting a release again gives the same bytes
      java.util.Optional<java.util.Date> at = java.util.Optional.of(java.util.Date.from(stamp.generatedAt()));
      wb.getXSSFWorkbook().getProperties().getCoreProperties().setCreated(at);
      wb.getXSSFWorkbook().getProperties().getCoreProperties().setModified(at);
      try (OutputStream out = Files.newOutputStream(file)) {
        wb.write(out);
      }
    }
    return sheetOf;
  }

  private static String join(List<Text> texts, boolean en) {
    return texts == null ? "" : String.join(" ", texts.stream().map(t -> en ? t.en() : t.id()).toList());
  }

  private static int kv(Sheet s, Widths w, int r, CellStyle header, String k, String v) {
    Row row = s.createRow(r);
    text(row, w, 0, k, header);
    text(row, w, 1, v, null);
    return r + 1;
  }

  /** A string cell: POI writes it as an inline/shared string, never a formula, whatever it starts with. */
  private static void text(Row row, Widths w, int col, String v, CellStyle style) {
    Cell c = row.createCell(col);
    if (v != null) {
      c.setCellValue(v);
    }
    if (style != null) {
      c.setCellStyle(style);
    }
    if (w != null) {
      w.see(col, v);
    }
  }

  private static void dateCell(Row row, int col, LocalDate d, CellStyle style) {
    Cell c = row.createCell(col);
    if (d != null) {
      c.setCellValue(d);
      c.setCellStyle(style);
    }
  }

  private static String uniqueSheetName(String id, Set<String> used) {
    String base = WorkbookUtil.createSafeSheetName(id);
    if (base.length() > 31) {
      base = base.substring(0, 31);
    }
    String name = base;
    for (int i = 2; used.contains(name.toLowerCase(Locale.ROOT)); i++) {
      String suffix = "~" + i;
      name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
    }
    used.add(name.toLowerCase(Locale.ROOT));
    return name;
  }

  // ---- catalogue --------------------------------------------------------------------------------

  static void writeCatalog(Path file) throws IOException {
    Files.writeString(file, IndicatorCatalog.toJson(), StandardCharsets.UTF_8);
  }
}
