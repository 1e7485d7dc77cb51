package org.migstat.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.migstat.cli.ExportCommand;
import picocli.CommandLine;

/** The `migstat export` options parse as documented (no Spark needed). */
class ExportCommandTest {
  @Test
  void parsesAsOfOutAndTheCommonOptions() {
    CommandLine cl = new CommandLine(new ExportCommand());
    assertEquals("export", cl.getCommandName());
    assertEquals("out", cl.getCommandSpec().findOption("--out").defaultValue());
    CommandLine.ParseResult r = cl.parseArgs("--as-of", "2024-03-13", "--out", "release", "--lakehouse", "lh");
    assertEquals(LocalDate.of(2024, 3, 13), r.matchedOptionValue("--as-of", null));
    assertEquals(Path.of("release"), r.matchedOptionValue("--out", null));
    assertEquals("lh", r.matchedOptionValue("--lakehouse", null));
    assertTrue(cl.getUsageMessage().contains("--as-of"));
  }
}
