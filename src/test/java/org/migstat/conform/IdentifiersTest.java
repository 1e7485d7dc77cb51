package org.migstat.conform;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
  @Test
  void blankLookingAndPlaceholderNumbersAreNoIdentifiers() {
    for (String raw : List.of("", " ", "\u00A0", "\u00A0\u00A0", "\u3000", "\u200B", "\u2060\uFEFF", "N/A", "n/a",
        " NA ", "none", "-", "--", "0", "0000000", "XXXXXXX", "Unknown", "\uFF2E/\uFF21", "\u200BN/A\u00A0")) {
      assertNull(Identifiers.documentNumber(raw), "«" + raw + "» must not be an identifier");
    }
  }

  @Test
  void realNumbersAreNormalisedTheWayTheyWereBefore() {
    assertEquals("B7654321", Identifiers.documentNumber("b765-4321 "));
    assertEquals("B7654321", Identifiers.documentNumber("\u00A0B7654321\u200B"));
    // Full-width letters and digits (NFKC) are the same number.
    assertEquals("B7654321", Identifiers.documentNumber("\uFF22\uFF17\uFF16\uFF15\uFF14\uFF13\uFF12\uFF11"));
  }

  @Test
  void recordKeysLoseInvisibleCharactersAndKeepTheirCase() {
    assertEquals("KH-R-1", Identifiers.recordKey("\u200BKH-R-1\u00A0"));
    assertNull(Identifiers.recordKey("\u3000"));
    assertNull(Identifiers.recordKey("N/A"));
    assertEquals("wp-1", Identifiers.recordKey(" wp-1 "));
  }

  @Test
  void theShapeOfAMaskedNumberShowsWhyItWasRefusedAndNothingElse() {
    assertEquals("X9999999", Batch.maskDocument("S6757178"));
    assertEquals("<U+00A0><U+00A0>", Batch.maskDocument("\u00A0\u00A0"));
    assertEquals("X/X", Batch.maskDocument("N/A"));
  }

  @Test
  void everyMappingFileLoadsAndAMalformedOneFailsLoudly() throws Exception {
    for (String f : List.of("citizenship.csv", "province.csv", "isic_section.csv", "permit_reason.csv",
        "identifier_placeholders.csv", "plausibility.csv")) {
      assertFalse(Mappings.load(f).isEmpty(), f);
    }
    assertEquals("Korea, Republic of", Mappings.load("citizenship.csv").stream()
        .filter(r -> r.get("iso3").equals("KOR")).findFirst().orElseThrow().get("label_en"));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Mappings.read(new java.io.StringReader("a,b\n1,2\n3\n"), "test.csv"));
    assertTrue(e.getMessage().contains("test.csv"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> Mappings.load("no-such-file.csv"));
  }
}
