package org.migstat.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void recognisesDatabricksMagics() {
    assertTrue(SqlScript.isSql("%sql\nSELECT 1"));
    assertTrue(SqlScript.isSql("\n  %sql\nSELECT 1"));
    assertFalse(SqlScript.isSql("%sqlx\nSELECT 1"));
    assertFalse(SqlScript.isSql("spark.sql('SELECT 1')"));
    assertTrue(SqlScript.isMarkdownMagic("%md\n# Title"));
    assertEquals("SELECT 1\nFROM t", SqlScript.body("%sql\nSELECT 1\nFROM t"));
  }

  @Test
  void splitsAtTopLevelSemicolonsOnly() {
    String script = """
        -- a comment; not a split
        DECLARE OR REPLACE VARIABLE v STRING;
        SET VAR v = 'a;b' || "c;d" || `e;f`;   /* block; comment */
        SELECT 'it''s; fine', 'back\\';slash' AS x;
        -- trailing comment only
        """;
    List<String> s = SqlScript.statements(script);
    assertEquals(3, s.size(), s.toString());
    assertTrue(s.get(0).endsWith("DECLARE OR REPLACE VARIABLE v STRING"), s.get(0));
    assertEquals("SET VAR v = 'a;b' || \"c;d\" || `e;f`", s.get(1));
    assertTrue(s.get(2).startsWith("/* block; comment */"), s.get(2));
    assertTrue(s.get(2).endsWith("SELECT 'it''s; fine', 'back\\';slash' AS x"), s.get(2));
  }

  @Test
  void emptyScriptsHaveNoStatements() {
    assertEquals(List.of(), SqlScript.statements("  -- nothing\n;;\n/* at all */"));
  }
}
