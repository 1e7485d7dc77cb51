package org.migstat.ingest.glotip;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A reader independent of the one under test (no POI at all): opens the xlsx as a zip and walks the
 * SpreadsheetML with the JDK's StAX parser. Returns row number (1-based) -> column index (0-based)
 * -> cell text; numeric cells are rendered as plain decimals without trailing zeros.
 */
public final class RawSheetXml {
  private static final String REL_NS =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  private RawSheetXml() {}

  public static Map<Integer, Map<Integer, String>> read(Path xlsx, String sheetName)
      throws IOException, XMLStreamException {
    try (ZipFile zip = new ZipFile(xlsx.toFile())) {
      String relId = null;
      try (InputStream in = open(zip, "xl/workbook.xml")) {
        XMLStreamReader x = factory().createXMLStreamReader(in);
        while (x.hasNext()) {
          if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("sheet")
              && sheetName.equals(x.getAttributeValue(null, "name"))) {
            relId = x.getAttributeValue(REL_NS, "id");
          }
        }
      }
      if (relId == null) {
        throw new IOException("no sheet " + sheetName);
      }
      String target = null;
      try (InputStream in = open(zip, "xl/_rels/workbook.xml.rels")) {
        XMLStreamReader x = factory().createXMLStreamReader(in);
        while (x.hasNext()) {
          if (x.next() == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("Relationship")
              && relId.equals(x.getAttributeValue(null, "Id"))) {
            target = x.getAttributeValue(null, "Target");
          }
        }
      }
      String sheetPath = target.startsWith("/") ? target.substring(1) : "xl/" + target;
      List<String> sst = sharedStrings(zip);
      return cells(zip, sheetPath, sst);
    }
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  private static InputStream open(ZipFile zip, String name) throws IOException {
    ZipEntry e = zip.getEntry(name);
    if (e == null) {
      throw new IOException("no part " + name);
    }
    return zip.getInputStream(e);
  }

  private static List<String> sharedStrings(ZipFile zip) throws IOException, XMLStreamException {
    List<String> out = new ArrayList<>();
    if (zip.getEntry("xl/sharedStrings.xml") == null) {
      return out;
    }
    try (InputStream in = open(zip, "xl/sharedStrings.xml")) {
      XMLStreamReader x = factory().createXMLStreamReader(in);
      StringBuilder si = null;
      boolean inT = false;
      boolean inRph = false;
      while (x.hasNext()) {
        int ev = x.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          switch (x.getLocalName()) {
            case "si" -> si = new StringBuilder();
            case "t" -> inT = true;
            case "rPh" -> inRph = true;
            default -> { }
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          switch (x.getLocalName()) {
            case "si" -> out.add(si.toString());
            case "t" -> inT = false;
            case "rPh" -> inRph = false;
            default -> { }
          }
        } else if (ev == XMLStreamConstants.CHARACTERS && inT && !inRph && si != null) {
          si.append(x.getText());
        }
      }
    }
    return out;
  }

  private static Map<Integer, Map<Integer, String>> cells(ZipFile zip, String sheetPath,
      List<String> sst) throws IOException, XMLStreamException {
    Map<Integer, Map<Integer, String>> rows = new TreeMap<>();
    try (InputStream in = open(zip, sheetPath)) {
      XMLStreamReader x = factory().createXMLStreamReader(in);
      Map<Integer, String> row = null;
      String ref = null;
      String type = null;
      StringBuilder text = null;
      boolean capture = false;
      while (x.hasNext()) {
        int ev = x.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          switch (x.getLocalName()) {
            case "row" -> {
              row = new TreeMap<>();
              rows.put(Integer.parseInt(x.getAttributeValue(null, "r")), row);
            }
            case "c" -> {
              ref = x.getAttributeValue(null, "r");
              type = x.getAttributeValue(null, "t");
              text = null;
            }
            case "v", "t" -> {
              capture = true;
              if (text == null) {
                text = new StringBuilder();
              }
            }
            default -> { }
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          switch (x.getLocalName()) {
            case "v", "t" -> capture = false;
            case "c" -> {
              if (text != null && row != null) {
                String v = text.toString();
                String shown = switch (type == null ? "n" : type) {
                  case "s" -> sst.get(Integer.parseInt(v));
                  case "n" -> new BigDecimal(v).stripTrailingZeros().toPlainString();
                  case "b" -> "1".equals(v) ? "TRUE" : "FALSE";
                  default -> v;
                };
                if (!shown.isEmpty()) {
                  row.put(GlotipWorkbookReader.columnIndex(ref), shown);
                }
              }
            }
            default -> { }
          }
        } else if (ev == XMLStreamConstants.CHARACTERS && capture) {
          text.append(x.getText());
        }
      }
    }
    return rows;
  }

  /** Convenience: the shared-string table alone, to check the reader does not alter strings. */
  public static Map<String, Integer> sharedStringCounts(Path xlsx) throws IOException, XMLStreamException {
    try (ZipFile zip = new ZipFile(xlsx.toFile())) {
      Map<String, Integer> out = new HashMap<>();
      for (String s : sharedStrings(zip)) {
        out.merge(s, 1, Integer::sum);
      }
      return out;
    }
  }
}
