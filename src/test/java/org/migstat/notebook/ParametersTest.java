package org.migstat.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameters reach SQL as text, so only values of the exact expected shape may pass. */
class ParametersTest {
  static final String CELL = """
      # Parameters (Papermill style)
      as_of = "2024-03-13"
      citizenship = "IDN"   # ISO alpha-3
      run_id = 'latest'
      max_months = 12
      """;

  @Test
  void defaultsComeFromTheParametersCell() {
    Parameters p = Parameters.parse(CELL, 2, Map.of());
    assertEquals(Map.of("as_of", "2024-03-13", "citizenship", "IDN", "run_id", "latest", "max_months", "12"), p.asMap());
    assertEquals(Parameters.Kind.DATE, p.all().get("as_of").kind());
    assertEquals(Parameters.Kind.COUNTRY, p.all().get("citizenship").kind());
    assertEquals(Parameters.Kind.WORD, p.all().get("run_id").kind());
    assertEquals(Parameters.Kind.INTEGER, p.all().get("max_months").kind());
  }

  @Test
  void overridesAreValidatedAndNormalised() {
    Parameters p = Parameters.parse(CELL, 2, Map.of("citizenship", "chn", "as_of", "2024-02-29"));
    assertEquals("CHN", p.asMap().get("citizenship"));
    assertEquals("SELECT * FROM t WHERE c = 'CHN' AND d = DATE'2024-02-29'",
        p.substitute("SELECT * FROM t WHERE c = '${citizenship}' AND d = DATE'${as_of}'"));
  }

  @Test
  void aValueOfTheWrongShapeNeverReachesSql() {
    for (String bad : List.of("ID", "IDNN", "I'N", "IDN' OR '1'='1", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Parameters.parse(CELL, 2, Map.of("citizenship", bad)));
      assertTrue(e.getMessage().startsWith("parameter citizenship: "), e.getMessage());
      assertTrue(e.getMessage().contains("3-letter"), e.getMessage());
    }
    for (String bad : List.of("2024-02-30", "2024-13-01", "13/03/2024", "2024-03-13' --", "yesterday")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Parameters.parse(CELL, 2, Map.of("as_of", bad)));
      assertTrue(e.getMessage().contains("is not a date (yyyy-MM-dd)"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Parameters.parse(CELL, 2, Map.of("run_id", "x'; DROP TABLE t")));
    assertThrows(IllegalArgumentException.class, () -> Parameters.parse(CELL, 2, Map.of("max_months", "12 OR 1=1")));
  }

  @Test
  void unknownNamesAreErrorsNotSilentlyIgnored() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Parameters.parse(CELL, 2, Map.of("citizenhsip", "CHN")));
    assertEquals("the notebook has no parameter 'citizenhsip' (its parameters: as_of, citizenship, run_id, max_months)",
        e.getMessage());
    IllegalArgumentException ref = assertThrows(IllegalArgumentException.class,
        () -> Parameters.parse(CELL, 2, Map.of()).substitute("SELECT '${env:HOME}'"));
    assertTrue(ref.getMessage().startsWith("${env:HOME} is not a parameter of this notebook"), ref.getMessage());
  }

  @Test
  void theParametersCellHoldsOnlyAssignments() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Parameters.parse("as_of = \"2024-03-13\"\nimport os\n", 4, Map.of()));
    assertEquals("the parameters cell (cell 4) may hold only name = \"value\" lines, not: import os", e.getMessage());
  }

  @Test
  void aBadDefaultIsReportedAsTheNotebooksDefault() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Parameters.parse("as_of = \"2024-02-31\"\n", 2, Map.of()));
    assertEquals("parameter as_of (the notebook's default): \"2024-02-31\" is not a date (yyyy-MM-dd)", e.getMessage());
  }

  @Test
  void commandLinePairs() {
    assertEquals(Map.of("a", "1", "b", "x=y"), Parameters.pairs(List.of("a=1", "b=x=y")));
    assertThrows(IllegalArgumentException.class, () -> Parameters.pairs(List.of("citizenship")));
  }

  @Test
  void injectedCellIsPython() {
    Parameters p = Parameters.parse(CELL, 2, Map.of("citizenship", "CHN", "max_months", "6"));
    assertEquals("# Parameters given to migstat notebook run\ncitizenship = \"CHN\"\nmax_months = 6",
        p.asPython(List.of("citizenship", "max_months")));
  }
}
