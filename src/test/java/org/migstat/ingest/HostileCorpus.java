package org.migstat.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A delivery folder written as an attacker would write it (issue 14): every file small, each with the outcome the
 * pipeline must give it. {@link #EXPECTED} maps each file name to its expected bronze rows, quarantined rows and
 * ledger status; the records are numbered so a lost one is visible.
 */
final class HostileCorpus {
  private HostileCorpus() {}

  static final String HEADER = "record_id,doc_type,doc_number,doc_country,full_name,citizenship,country_of_birth,sex,"
      + "birth_date,province,district,stay_category,registration_date,deregistration_date,record_status,last_updated\n";

  /** Expected outcome of one file: rows in bronze, rows in quarantine, status in ops.ingested_files. */
  record Expected(long rows, long quarantined, String status) {
    long accepted() {
      return rows - quarantined;
    }
  }

  static final Map<String, Expected> EXPECTED = new LinkedHashMap<>();
  /** Record ids whose document numbers only look like identifiers. */
  static final String[] PLACEHOLDER_IDS = {"H-ID-1", "H-ID-2", "H-ID-3", "H-ID-4", "H-ID-5", "H-ID-6", "H-ID-7",
      "H-ID-8"};
  /** The latest plausible extract date in the corpus: the default --as-of. */
  static final String LATEST_PLAUSIBLE = "2024-02-29";

  private static int docs = 1000;

  /** A valid resident line; every call a new document number (so no two are one person unless meant). */
  static String resident(String id, String name) {
    return resident(id, "P" + (docs++) + "77", name, "01/05/1990", "10/01/2024", "10/02/2024 09:00:00");
  }

  static String resident(String id, String doc, String name, String birth, String registered, String updated) {
    return id + ",PASSPORT," + doc + ",IDN," + name + ",IDN,IDN,F," + birth + ",Phnom Penh,Khan Daun Penh,EB,"
        + registered + ",,A," + updated + "\n";
  }

  static void write(Path input) throws IOException {
    Path res = Files.createDirectories(input.resolve("residents"));
    Path per = Files.createDirectories(input.resolve("permits"));
    Files.writeString(input.resolve("DEMO-pseudonym-key.txt"), "demo-hostile:0123456789abcdef0123456789abcdef\n");

    // A clean baseline.
    file(res, "residents_2024-01_full.csv", HEADER + resident("H-1", "P0000011", "RATNA HALIM", "01/05/1990",
        "10/01/2024", "10/01/2024 09:00:00") + resident("H-2", "P0000012", "Ani", "01/05/1991", "10/01/2024", "10/01/2024 09:00:00")
        + resident("H-3", "P0000013", "Budi", "01/05/1992", "10/01/2024", "10/01/2024 09:00:00"), 3, 0, "ingested");

    // 1. Twelve records; the second opens a quote and never closes it: only that one is quarantined.
    StringBuilder twelve = new StringBuilder(HEADER);
    for (int i = 1; i <= 12; i++) {
      twelve.append(i == 2
          ? "H-Q-2,PASSPORT,P0000222,IDN,\"Never Closed,IDN,IDN,F,01/05/1990,Phnom Penh,Khan,EB,10/01/2024,,A,10/02/2024 09:00:00\n"
          : resident("H-Q-" + i, "Quote" + i));
    }
    file(res, "residents_2024-02_unterminated.csv", twelve.toString(), 12, 1, "ingested");
    // A stray quote inside an unquoted field, and text after a closing quote: each alone.
    file(res, "residents_2024-02_stray.csv", HEADER
        + resident("H-S-1", "Jl. \"Mawar\" Dua") + resident("H-S-2", "\"Ani\"x") + resident("H-S-3", "Clean"), 3, 2,
        "ingested");

    // 2. Document numbers that only look like identifiers; two of them N/A, two no-break spaces.
    String[] blanks = {"\u00A0", "\u00A0\u00A0", "\u3000", "\u200B", "N/A", "N/A", "0000000", "-"};
    StringBuilder ids = new StringBuilder(HEADER);
    for (int i = 0; i < blanks.length; i++) {
      ids.append(resident(PLACEHOLDER_IDS[i], blanks[i], "Blank " + i, "01/05/1990", "10/01/2024", "10/02/2024 09:00:00"));
    }
    ids.append(resident("\u00A0", "Nbsp Key")); // a record key that only looks like one
    ids.append(resident("H-ID-OK", "Real"));
    file(res, "residents_2024-02_ids.csv", ids.toString(), 10, 9, "ingested");

    // 4. Future and impossible dates.
    file(res, "residents_2024-02_dates.csv", HEADER
        + resident("H-D-1", "P0000031", "Future Reg", "01/05/1990", "01/01/2099", "10/02/2024 09:00:00")
        + resident("H-D-2", "P0000032", "Old Birth", "01/01/0001", "10/01/2024", "10/02/2024 09:00:00")
        + resident("H-D-3", "P0000033", "Future Upd", "01/05/1990", "10/01/2024", "01/01/2099 09:00:00")
        + resident("H-D-4", "P0000034", "Fine", "01/05/1990", "10/01/2024", "10/02/2024 09:00:00"), 4, 3, "ingested");

    // Cases handled before this change: empty, header only, binary, UTF-16, 10,000 fields, a 5 MB line, injection.
    file(res, "residents_2024-02_empty.csv", "", 0, 0, "empty");
    file(res, "residents_2024-02_header.csv", HEADER, 0, 0, "ingested");
    byte[] binary = new byte[4096];
    new Random(14).nextBytes(binary);
    Files.write(res.resolve("residents_2024-02_binary.csv"), binary);
    EXPECTED.put("residents_2024-02_binary.csv", null); // counted by its lines: every record quarantined
    Files.write(res.resolve("residents_2024-02_utf16.csv"),
        ("\uFEFF" + HEADER + resident("H-U-1", "Utf Sixteen") + resident("H-U-2", "Utf Sixteen"))
            .getBytes(StandardCharsets.UTF_16LE));
    EXPECTED.put("residents_2024-02_utf16.csv", null);
    String[] wide = new String[10_000];
    Arrays.fill(wide, "x");
    file(res, "residents_2024-02_wide.csv", HEADER + String.join(",", wide) + "\n" + resident("H-W-1", "After Wide"),
        2, 1, "ingested");
    file(res, "residents_2024-02_huge.csv", HEADER + "A".repeat(5 * 1024 * 1024) + "\n"
        + resident("H-B-1", "After Huge"), 2, 1, "ingested");
    file(res, "residents_2024-02_injection.csv", HEADER
        + resident("H-J-1", "=HYPERLINK(\"\"http://evil.example\"\";\"\"x\"\")".replace("\"\"", "'"))
        + resident("H-J-2", "'; DROP TABLE silver.residents; --") + resident("H-J-3", "<script>alert(1)</script>"),
        3, 0, "ingested");

    // 5. Names the operating system allows: each ingested like any other.
    for (String name : new String[] {"residents_2024-02_colon:x.csv", "residents_2024-02_pct%41 space.csv",
        "residents_2024-02_hash#q?.csv", "residents_2024-02_ünï 名前.csv", "residents_2024-02_quote'\"*.csv",
        "residents_2024-02_back\\slash.csv"}) {
      file(res, name, HEADER + resident("H-N-" + EXPECTED.size(), "Named"), 1, 0, "ingested");
    }

    // 6. Files that cannot be read at all: rejected, the others go ahead.
    byte[] gz = gzip(HEADER + resident("H-G-1", "Truncated") + resident("H-G-2", "Truncated"));
    Files.write(res.resolve("residents_2024-02_truncated.csv.gz"), Arrays.copyOf(gz, gz.length - 12));
    EXPECTED.put("residents_2024-02_truncated.csv.gz", new Expected(0, 0, "rejected"));
    Files.writeString(res.resolve("residents_2024-02_plain.csv.gz"), HEADER + resident("H-G-3", "Not Gzip"));
    EXPECTED.put("residents_2024-02_plain.csv.gz", new Expected(0, 0, "rejected"));
    Files.writeString(res.resolve("residents_nodate.csv"), HEADER + resident("H-G-4", "No Date"));
    EXPECTED.put("residents_nodate.csv", new Expected(0, 0, "rejected"));

    // 3. Extract dates that cannot be trusted: held back, never the reference date.
    file(res, "residents_2099-12_delta.csv", "", 0, 0, "held_back");
    file(res, "residents_2025-06_stale.csv", HEADER + resident("H-F-1", "Stale"), 0, 0, "held_back");

    // Permits: two holders whose document number is a no-break space, a truncated JSON line, one real holder
    // (the same person as resident H-1).
    file(per, "permits_2024-02.jsonl", String.join("\n",
        permit("WP-H-1", "\u00A0"), permit("WP-H-2", "\u00A0"), permit("WP-H-3", "P0000011"),
        "{\"permit_no\":\"WP-H-4\",\"holder_doc_type\":\"PASS") + "\n", 4, 3, "ingested");
  }

  static String permit(String no, String doc) {
    return "{\"permit_no\":\"" + no + "\",\"holder_doc_type\":\"PASSPORT\",\"holder_doc_number\":\"" + doc + "\","
        + "\"holder_doc_country\":\"IDN\",\"holder_name\":\"Someone\",\"employer\":\"PT Example\",\"sector_isic\":\"47\","
        + "\"occupation\":\"Clerk\",\"permit_type\":\"EMPLOYMENT\",\"issue_date\":\"2024-01-05\",\"valid_from\":"
        + "\"2024-01-05\",\"valid_to\":\"2025-01-04\",\"status\":\"ISSUED\",\"status_date\":null,"
        + "\"last_updated\":\"2024-02-05T09:00:00\"}";
  }

  private static void file(Path dir, String name, String text, long rows, long quarantined, String status)
      throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    EXPECTED.put(name, new Expected(rows, quarantined, status));
  }

  static byte[] gzip(String text) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
