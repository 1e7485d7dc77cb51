package org.migstat.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published figures, recounted independently from the raw bundled extracts (RawRecount):
 * data-samples/README.md and ../shared/reference/sources.md.
 */
class CalibrationTest {
  static final LocalDate REFERENCE = LocalDate.of(2024, 3, 13);
  static final LocalDate LATE = LocalDate.of(2024, 10, 31);

  static RawRecount.Extracts samples;
  static RawRecount.Counts atReference;

  @BeforeAll
  static void recount() {
    samples = RawRecount.read(GeneratorSamplesTest.samples());
    atReference = samples.at(REFERENCE);
  }

  @Test
  void indonesianPermitHoldersOnTheReferenceDateAreExactly58307() {
    assertEquals(58_307, atReference.permitHolders("IDN"));
  }

  @Test
  void moreThan73000IndonesianResidentsOnTheReferenceDate() {
    int residents = atReference.residents("IDN");
    assertTrue(residents >= 73_100 && residents <= 73_900, "IDN residents " + residents);
  }

  @Test
  void everyIndonesianPermitHolderIsResident() {
    assertEquals(atReference.permitHolders("IDN"), atReference.residentsHoldingPermit("IDN"));
  }

  /**
   * Issue 15: 22,082 of the 73,500 Indonesian residents on the reference date registered less than 365 days
   * earlier, so the usual residents (registered 12 months or more earlier) are about 51,400 — fewer than the
   * registered residents, never the same figure.
   */
  @Test
  void usualResidentsAreTheRegisteredLessThoseRegisteredWithinTwelveMonths() {
    int usual = samples.usualResidents(REFERENCE).getOrDefault("IDN", 0);
    int registered = atReference.residents("IDN");
    assertTrue(usual < registered, usual + " usual of " + registered + " registered");
    assertTrue(Math.abs(registered - 22_082 - usual) <= 200, "IDN usual residents " + usual + " of " + registered);
  }

  @Test
  void about89000IndonesianResidentsLateIn2024() {
    int residents = samples.at(LATE).residents("IDN");
    assertTrue(Math.abs(residents - 89_000) <= 1_500, "IDN residents on " + LATE + ": " + residents);
  }

  @Test
  void growthFromAbout40000Early2022() {
    int residents = samples.at(LocalDate.of(2022, 1, 31)).residents("IDN");
    assertTrue(residents > 38_000 && residents < 43_000, "IDN residents early 2022: " + residents);
  }

  /** The mess is count-neutral: applying the rules before or after picking the final version agrees. */
  @Test
  void rulesBeforeOrAfterPickingTheLatestVersionAgree() {
    for (LocalDate d : List.of(REFERENCE, LATE)) {
      RawRecount.Counts a = samples.at(d, RawRecount.Order.QUARANTINE_FIRST);
      RawRecount.Counts b = samples.at(d, RawRecount.Order.LATEST_FIRST);
      assertEquals(a.residents(), b.residents(), "residents on " + d);
      assertEquals(a.permitHolders(), b.permitHolders(), "permit holders on " + d);
    }
  }

  @Test
  void everyQuarantineRuleCatchesSomething() {
    RawRecount.Quarantine q = atReference.quarantine();
    for (String rule : List.of("record_id blank", "doc_number blank", "citizenship unknown", "registration_date invalid",
        "deregistration_date invalid or before registration", "birth_date invalid or after registration",
        "province unknown", "record_status invalid", "last_updated invalid", "malformed record")) {
      assertTrue(q.residentProblems().getOrDefault(rule, 0) > 0, "resident rule never fires: " + rule);
    }
    for (String rule : List.of("invalid JSON", "permit_no blank", "holder_doc_number blank", "holder_doc_country unknown",
        "permit_type unknown", "issue_date, valid_from or valid_to invalid", "valid_to before valid_from",
        "status unknown", "status_date invalid", "last_updated invalid")) {
      assertTrue(q.permitProblems().getOrDefault(rule, 0) > 0, "permit rule never fires: " + rule);
    }
  }

  @Test
  void otherNationalitiesAreThereInRoughlyTheirNumbers() {
    assertNear(45_000, atReference.residents("CHN"));
    assertNear(20_000, atReference.residents("VNM"));
    assertNear(7_000, atReference.residents("THA"));
    assertNear(5_000, atReference.residents("KOR"));
    assertNear(6_000, atReference.residents("PHL"));
    assertTrue(atReference.totalResidents() > 150_000);
  }

  /** Scale 2 doubles every calibrated figure exactly (fast deflate: the content is what counts). */
  @Test
  void scaleTwoDoublesTheCalibratedFigures(@TempDir Path out) throws IOException {
    SampleGenerator.generate(2, SampleGenerator.DEFAULT_SEED, out, line -> { }, Deflater.BEST_SPEED,
        java.util.List.of("residents", "permits"));
    RawRecount.Extracts twice = RawRecount.read(out);
    RawRecount.Counts c = twice.at(REFERENCE);
    assertEquals(2 * 58_307, c.permitHolders("IDN"));
    assertEquals(2 * atReference.residents("IDN"), c.residents("IDN"));
    assertEquals(c.permitHolders("IDN"), c.residentsHoldingPermit("IDN"));
    assertEquals(2 * samples.at(LATE).residents("IDN"), twice.at(LATE).residents("IDN"));
  }

  private static void assertNear(int expected, int actual) {
    assertTrue(Math.abs(actual - expected) <= expected * 0.12, "expected about " + expected + ", got " + actual);
  }
}
