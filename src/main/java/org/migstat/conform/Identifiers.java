package org.migstat.conform;

import static org.apache.spark.sql.functions.udf;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * Identifiers (document numbers, record and case numbers) normalised with Unicode-aware rules, so that a
 * value that only looks like an identifier never becomes one. Java's and Spark's trimming know only ASCII
 * spaces: a no-break space (U+00A0), an ideographic space (U+3000) or a zero-width space (U+200B) survive
 * them and would make one "identifier" of many unrelated records.
 *
 * <ol>
 *   <li>NFKC (full-width letters and digits become ASCII, compatibility spaces become spaces);</li>
 *   <li>every character that is whitespace ({@link Character#isWhitespace}), a space ({@link Character#isSpaceChar}),
 *       a format character (zero-width spaces and joiners, the BOM, bidi marks) or a control character is
 *       removed (document numbers: everywhere, with dashes; record keys: at both ends);</li>
 *   <li>what remains is no identifier when it is empty, one of the placeholders of
 *       {@code mappings/identifier_placeholders.csv} (N/A, NONE, 0, UNKNOWN, ...), or one character repeated.</li>
 * </ol>
 */
public final class Identifiers {
  private Identifiers() {}

  /** The placeholders, normalised like a document number. */
  public static final Set<String> PLACEHOLDERS = placeholders();

  private static Set<String> placeholders() {
    Set<String> s = new LinkedHashSet<>();
    for (Map<String, String> row : Mappings.load("identifier_placeholders.csv")) {
      s.add(squeeze(row.get("placeholder")));
    }
    if (s.isEmpty()) {
      throw new IllegalStateException("mappings/identifier_placeholders.csv lists no placeholder");
    }
    return Set.copyOf(s);
  }

  private static boolean invisible(int cp) {
    int type = Character.getType(cp);
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.FORMAT
        || type == Character.CONTROL || cp == 0xFEFF;
  }

  /** NFKC, then every invisible character and dash removed, upper case. Never null for a non-null input. */
  static String squeeze(String raw) {
    String n = Normalizer.normalize(raw, Normalizer.Form.NFKC);
    StringBuilder sb = new StringBuilder(n.length());
    n.codePoints().filter(cp -> !invisible(cp) && Character.getType(cp) != Character.DASH_PUNCTUATION)
        .forEach(sb::appendCodePoint);
    return sb.toString().toUpperCase(Locale.ROOT);
  }

  /** True when a normalised value is a placeholder or one character repeated (0, 0000, XXX). */
  static boolean placeholder(String normalised) {
    if (normalised.isEmpty() || PLACEHOLDERS.contains(normalised)) {
      return true;
    }
    int first = normalised.codePointAt(0);
    return normalised.codePoints().allMatch(cp -> cp == first);
  }

  /**
   * A document number as the pseudonym key uses it: normalised (no spaces, dashes or invisible characters,
   * upper case); null when blank, invisible only, or a placeholder.
   */
  public static String documentNumber(String raw) {
    if (raw == null) {
      return null;
    }
    String n = squeeze(raw);
    return n.isEmpty() || placeholder(n) ? null : n;
  }

  /**
   * A record key (record_id, permit_no, case number...): NFKC, invisible characters removed at both ends and
   * inside, case kept; null when blank or a placeholder.
   */
  public static String recordKey(String raw) {
    if (raw == null) {
      return null;
    }
    String n = Normalizer.normalize(raw, Normalizer.Form.NFKC);
    StringBuilder sb = new StringBuilder(n.length());
    n.codePoints().filter(cp -> !(invisible(cp) && cp != ' ')).forEach(sb::appendCodePoint);
    String key = sb.toString().strip();
    return key.isEmpty() || placeholder(squeeze(key)) ? null : key;
  }

  private static final UDF1<String, String> DOCUMENT_NUMBER = Identifiers::documentNumber;
  private static final UDF1<String, String> RECORD_KEY = Identifiers::recordKey;

  /** {@link #documentNumber(String)} as a column. */
  public static Column documentNumber(Column raw) {
    return udf(DOCUMENT_NUMBER, DataTypes.StringType).withName("document_number").apply(raw);
  }

  /** {@link #recordKey(String)} as a column. */
  public static Column recordKey(Column raw) {
    return udf(RECORD_KEY, DataTypes.StringType).withName("record_key").apply(raw);
  }

  /**
   * The rule predicate of a document number: blank (another rule says the document is not identifiable) or
   * a real number — not invisible characters only, not a placeholder.
   */
  public static Column documentNumberReal(Column raw) {
    return Parse.blankColumn(raw).or(documentNumber(raw).isNotNull());
  }
}
