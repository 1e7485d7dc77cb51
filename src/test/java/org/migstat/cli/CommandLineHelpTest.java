package org.migstat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's rough edges: bad values in one sentence, help texts whole and without warnings. */
class CommandLineHelpTest {

  @Test
  void aDateInTheWrongFormatIsOneSentence() {
    for (List<String> args : List.of(List.of("run", "--as-of", "13/03/2024"), List.of("export", "--as-of", "2024-13-01"),
        List.of("backfill", "--from", "yesterday", "--to", "2024-03-13"))) {
      CliRun r = CliRun.of(null, args.toArray(String[]::new));
      assertEquals(ParameterErrors.USAGE, r.exitCode(), args.toString());
      String option = args.get(1);
      assertEquals(List.of("migstat: " + option + " must be a date like 2024-03-13",
          "(see `migstat " + args.get(0) + " --help`)"), r.err().lines().toList(), args.toString());
      assertFalse(r.out().contains("Usage"), r.out());
    }
  }

  @Test
  void anUnknownOptionIsOneSentenceWithoutTheUsage() {
    CliRun r = CliRun.of(null, "tables", "--colour");
    assertEquals(ParameterErrors.USAGE, r.exitCode());
    assertEquals(2, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("migstat: Unknown option: '--colour'"), r.err());
  }

  @Test
  void notebookHelpPrintsNoPicocliWarning() {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      CliRun r = CliRun.of(null, "notebook", "--help");
      CliRun run = CliRun.of(null, "notebook", "run", "--help");
      assertEquals(0, r.exitCode());
      assertTrue(run.out().contains("%sql cells"), run.out());
    } finally {
      System.setErr(old);
    }
    assertFalse(err.toString(StandardCharsets.UTF_8).contains("picocli WARN"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theTopLevelHelpGivesEveryCommandAWholeSentence() {
    CliRun r = CliRun.of(null, "--help");
    assertEquals(0, r.exitCode());
    String help = r.out().replaceAll("\\s+", "");
    // audit's description is two lines in its annotation; its first sentence must come whole.
    CommandLine main = Main.commandLine();
    String audit = CommandList.firstSentence(main.getSubcommands().get("audit").getCommandSpec().usageMessage().description());
    assertTrue(audit.endsWith("."), audit);
    for (var sub : main.getSubcommands().entrySet()) {
      var usage = sub.getValue().getCommandSpec().usageMessage();
      String desc = CommandList.firstSentence(usage.header().length > 0 ? usage.header() : usage.description());
      assertTrue(desc.endsWith(".") || desc.endsWith(")"), sub.getKey() + ": " + desc);
      assertTrue(help.contains((sub.getKey() + desc).replaceAll("\\s+", "")), sub.getKey() + ": " + desc + "\n" + r.out());
    }
  }

  @Test
  void theFirstSentenceEndsAtAFullStop() {
    assertEquals("One.", CommandList.firstSentence(new String[] {"One. ", "Two."}));
    assertEquals("Spark SQL over gold.* and ops.*.",
        CommandList.firstSentence(new String[] {"Spark SQL over gold.*", "and ops.*. More."}));
    assertEquals("50% off", CommandList.firstSentence(new String[] {"50%% off"}));
  }
}
