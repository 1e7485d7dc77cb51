package org.migstat.schedule;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.migstat.cli.BackfillCommand;
import org.migstat.cli.ScheduleCommand;
import org.migstat.cli.StatusCommand;
import picocli.CommandLine;

/** The three commands' option models parse what the README and --help promise (no Spark started). */
class ScheduleCommandsTest {

  @Test
  void scheduleTakesAConfigFileAndOverrides() {
    CommandLine cl = new CommandLine(new ScheduleCommand());
    CommandLine.ParseResult r = cl.parseArgs("--config", "/etc/migstat/schedule.properties", "--cron", "0 0 3 * * ?",
        "--time-zone", "Asia/Phnom_Penh", "--catch-up", "latest", "--max-retries", "2", "--catch-up-only");
    assertEquals(Path.of("/etc/migstat/schedule.properties"), r.matchedOptionValue("--config", null));
    assertEquals("0 0 3 * * ?", r.matchedOptionValue("--cron", null));
    assertEquals(2, (int) r.matchedOptionValue("--max-retries", 0));
    assertTrue(r.hasMatchedOption("--catch-up-only"));
    assertEquals("schedule", cl.getCommandName());
    assertTrue(cl.getUsageMessage().contains("--lock-timeout-seconds"));
  }

  @Test
  void backfillNeedsBothDates() {
    CommandLine cl = new CommandLine(new BackfillCommand());
    CommandLine.ParseResult r = cl.parseArgs("--from", "2024-01-01", "--to", "2024-03-31", "--lakehouse", "/srv/lh",
        "--input", "/srv/in");
    assertEquals(LocalDate.of(2024, 1, 1), r.matchedOptionValue("--from", null));
    assertEquals(LocalDate.of(2024, 3, 31), r.matchedOptionValue("--to", null));
    assertThrows(CommandLine.MissingParameterException.class, () -> new CommandLine(new BackfillCommand())
        .parseArgs("--from", "2024-01-01"));
    IllegalArgumentException reversed = assertThrows(IllegalArgumentException.class,
        () -> Backfill.dates(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 2, 1)));
    assertTrue(reversed.getMessage().contains("is before"), reversed.getMessage());
    assertEquals(31, Backfill.dates(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)).size());
  }

  @Test
  void statusReadsTheScheduleConfig() {
    CommandLine.ParseResult r = new CommandLine(new StatusCommand()).parseArgs("--config", "s.properties", "--last", "5");
    assertEquals(5, (int) r.matchedOptionValue("--last", 10));
  }
}
