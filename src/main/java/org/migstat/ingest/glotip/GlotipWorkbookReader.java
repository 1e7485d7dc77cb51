package org.migstat.ingest.glotip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Bronze reader for the UNODC GLOTIP export ({@code unodc_glotip_data_glotip.xlsx}, dataUNODC,
 * "UNODC, Global Report on Trafficking in Persons"), read exactly as published.
 *
 * <p>The workbook has one sheet, {@value #SHEET}: a banner ({@code UNODC} in row 1, the release
 * date {@code 14/04/2025} as text in row 2), the header in row 3, then one row per indicator ×
 * dimension × category × sex × age × year × country. The sheet is streamed with POI's event API
 * (XSSFReader + XSSFSheetXMLHandler), never loaded as a DOM. The header row is found by its
 * content (the first row in which most cells are expected column names) and the columns are
 * mapped by name, so a moved column or an extra banner line does not shift the data.
 *
 * <p>Every cell comes back as the text the spreadsheet shows: shared strings verbatim (including the
 * U+FFFD characters some categories carry in the source), numeric cells rendered through
 * {@link DataFormatter} (the {@code Year} column is numeric and comes back as {@code 2010}, not
 * {@code 2010.0}); an empty or absent cell is {@code null}. Rows with no cell at all in the 13
 * columns are skipped; any other row is returned, however broken, for the conform step to judge.
 */
public final class GlotipWorkbookReader {

  /** The sheet holding the data. */
  public static final String SHEET = "data_glotip_1";

  /** The 13 column names of the header row, in published order. */
  public static final List<String> HEADER = List.of(
      "Iso3_code", "Country", "Region", "Subregion", "Indicator", "Dimension", "Category", "Sex",
      "Age", "Year", "Unit of measurement", "txtVALUE", "Source");

  /**
   * Raw (bronze) schema of the rows: the 13 columns as STRING in header order, renamed to
   * snake_case, plus the 1-based spreadsheet row number. Nothing is parsed here.
   */
  public static final String DDL = "iso3_code STRING, country STRING, region STRING, "
      + "subregion STRING, indicator STRING, dimension STRING, category STRING, sex STRING, "
      + "age STRING, year STRING, unit STRING, txt_value STRING, source STRING, source_row INT";

  /** The header must be found within this many rows from the top of the sheet. */
  static final int MAX_ROWS_BEFORE_HEADER = 20;

  private static final Pattern RELEASE_DATE = Pattern.compile("^\\s*(\\d{1,2}/\\d{1,2}/\\d{4})\\s*$");
  private static final DateTimeFormatter RELEASE_DATE_FORMAT = DateTimeFormatter.ofPattern("d/M/uuuu");

  private GlotipWorkbookReader() {}

  /** The raw schema as a {@link StructType}. */
  public static StructType schema() {
    return StructType.fromDDL(DDL);
  }

  /** Reads the whole export into memory (58,769 rows in the 2025 release: a few MB). */
  public static GlotipWorkbook read(Path xlsx) throws IOException {
    List<GlotipRawRow> rows = new ArrayList<>(60_000);
    GlotipBanner banner = stream(xlsx, rows::add);
    return new GlotipWorkbook(banner, rows);
  }

  /**
   * The data rows as Spark rows matching {@link #DDL}:
   * {@code spark.createDataFrame(sparkRows(path), StructType.fromDDL(DDL))}.
   */
  public static List<Row> sparkRows(Path xlsx) throws IOException {
    return read(xlsx).sparkRows();
  }

  /**
   * Streams the data rows of sheet {@value #SHEET} to {@code sink} in sheet order and returns the
   * banner. Only the shared-string table and the current row are held in memory.
   *
   * @throws GlotipFormatException when the sheet, the header row or a header column is missing
   */
  public static GlotipBanner stream(Path xlsx, Consumer<GlotipRawRow> sink) throws IOException {
    OPCPackage pkg;
    try {
      pkg = OPCPackage.open(xlsx.toFile(), PackageAccess.READ);
    } catch (OpenXML4JException | RuntimeException e) {
      throw new IOException("cannot open " + xlsx + " as an xlsx workbook: " + e.getMessage(), e);
    }
    try {
      XSSFReader reader = new XSSFReader(pkg);
      CachedSharedStrings strings = new CachedSharedStrings(new ReadOnlySharedStringsTable(pkg, false));
      StylesTable styles = reader.getStylesTable();
      XSSFReader.SheetIterator sheets = reader.getSheetIterator();
      List<String> seen = new ArrayList<>();
      while (sheets.hasNext()) {
        try (InputStream sheet = sheets.next()) {
          String name = sheets.getSheetName();
          if (!SHEET.equals(name)) {
            seen.add(name);
            continue;
          }
          RowCollector collector = new RowCollector(xlsx, sink);
          XMLReader xml = XMLHelper.newXMLReader();
          xml.setContentHandler(new XSSFSheetXMLHandler(
              styles, null, strings, collector, new DataFormatter(Locale.US), false));
          xml.parse(new InputSource(sheet));
          return collector.banner();
        }
      }
      throw new GlotipFormatException("Workbook " + xlsx.getFileName() + " has no sheet named '"
          + SHEET + "' (its sheets are " + seen + ").");
    } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
      if (e.getCause() instanceof GlotipFormatException g) {
        throw g;
      }
      throw new IOException("cannot read " + xlsx + ": " + e.getMessage(), e);
    } finally {
      pkg.revert(); // read-only package: close() would try to save
    }
  }

  /** 0-based column index of a cell reference such as {@code L58772}. */
  static int columnIndex(String cellRef) {
    int col = 0;
    for (int i = 0; i < cellRef.length(); i++) {
      char c = cellRef.charAt(i);
      if (c < 'A' || c > 'Z') {
        break;
      }
      col = col * 26 + (c - 'A' + 1);
    }
    return col - 1;
  }

  private static String normalise(String headerCell) {
    return headerCell == null ? "" : headerCell.strip().toLowerCase(Locale.ROOT);
  }

  /** Receives the cells from POI's sheet handler; before the header it looks for it. */
  private static final class RowCollector implements SheetContentsHandler {
    private final Path file;
    private final Consumer<GlotipRawRow> sink;
    /** Same text, same String: the 58,769 × 13 cells hold only ~2,500 distinct strings. */
    private final Map<String, String> canonical = new HashMap<>();

    private int rowIndex = -1;          // 0-based row being read
    private int nextColumn = 0;         // for cells without a reference
    private final TreeMap<Integer, String> preHeaderCells = new TreeMap<>();

    private int[] fieldOfColumn;        // column index -> field index (or -1); null until the header
    private String[] cells;
    private int rowsSeen = 0;

    private String publisher;
    private String releaseDateText;
    private LocalDate releaseDate;
    private int headerRow = -1;

    RowCollector(Path file, Consumer<GlotipRawRow> sink) {
      this.file = file;
      this.sink = sink;
    }

    @Override
    public void startRow(int rowNum) {
      rowIndex = rowNum;
      nextColumn = 0;
      if (fieldOfColumn == null) {
        preHeaderCells.clear();
      } else {
        Arrays.fill(cells, null);
      }
    }

    @Override
    public void cell(String cellReference, String formattedValue, XSSFComment comment) {
      int col = cellReference == null ? nextColumn : columnIndex(cellReference);
      nextColumn = col + 1;
      String text = formattedValue == null || formattedValue.isEmpty() ? null : formattedValue;
      if (text == null) {
        return;
      }
      if (fieldOfColumn == null) {
        preHeaderCells.put(col, text);
      } else if (col < fieldOfColumn.length && fieldOfColumn[col] >= 0) {
        cells[fieldOfColumn[col]] = canonical.computeIfAbsent(text, t -> t);
      }
    }

    @Override
    public void endRow(int rowNum) {
      rowsSeen++;
      if (fieldOfColumn == null) {
        if (looksLikeHeader(preHeaderCells)) {
          acceptHeader(preHeaderCells, rowNum + 1);
        } else {
          readBanner(preHeaderCells);
          if (rowsSeen >= MAX_ROWS_BEFORE_HEADER) {
            throw noHeader();
          }
        }
        return;
      }
      for (String c : cells) {
        if (c != null) {
          sink.accept(GlotipRawRow.of(cells, rowNum + 1));
          return;
        }
      }
    }

    @Override
    public void endSheet() {
      if (fieldOfColumn == null) {
        throw noHeader();
      }
    }

    GlotipBanner banner() {
      return new GlotipBanner(publisher, releaseDateText, releaseDate, headerRow);
    }

    private GlotipFormatException noHeader() {
      return new GlotipFormatException("Sheet '" + SHEET + "' of " + file.getFileName()
          + " has no header row (a row naming the columns " + HEADER + ") in its first "
          + rowsSeen + " rows.");
    }

    /** A header is a row in which most cells are expected column names. */
    private static boolean looksLikeHeader(Map<Integer, String> row) {
      List<String> expected = HEADER.stream().map(GlotipWorkbookReader::normalise).toList();
      long hits = row.values().stream().map(GlotipWorkbookReader::normalise)
          .filter(expected::contains).distinct().count();
      return hits > HEADER.size() / 2;
    }

    private void acceptHeader(Map<Integer, String> row, int sheetRow) {
      Map<String, Integer> columnOf = new HashMap<>();
      for (Map.Entry<Integer, String> e : row.entrySet()) {
        columnOf.putIfAbsent(normalise(e.getValue()), e.getKey());
      }
      List<String> missing = HEADER.stream()
          .filter(h -> !columnOf.containsKey(normalise(h))).toList();
      if (!missing.isEmpty()) {
        String names = missing.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", "));
        throw new GlotipFormatException("Sheet '" + SHEET + "' of " + file.getFileName()
            + ": header row " + sheetRow + " has no column " + names + " (found "
            + row.values() + ").");
      }
      int maxCol = columnOf.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      fieldOfColumn = new int[maxCol + 1];
      Arrays.fill(fieldOfColumn, -1);
      for (int f = 0; f < HEADER.size(); f++) {
        fieldOfColumn[columnOf.get(normalise(HEADER.get(f)))] = f;
      }
      cells = new String[HEADER.size()];
      headerRow = sheetRow;
    }

    private void readBanner(Map<Integer, String> row) {
      for (String text : row.values()) {
        Matcher m = RELEASE_DATE.matcher(text);
        if (releaseDateText == null && m.matches()) {
          releaseDateText = text.strip();
          try {
            releaseDate = LocalDate.parse(m.group(1), RELEASE_DATE_FORMAT);
          } catch (DateTimeParseException e) {
            throw new GlotipFormatException("Sheet '" + SHEET + "' of " + file.getFileName()
                + " has a release date '" + text + "' in its banner that is not a dd/MM/yyyy date.");
          }
        } else if (publisher == null && !text.isBlank() && !m.matches()) {
          publisher = text.strip();
        }
      }
    }
  }
}
