package org.migstat.schedule;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsAreADailyRunAtTwo() {
    ScheduleConfig c = ScheduleConfig.load(null, Map.of());
    assertEquals("0 0 2 * * ?", c.cron());
    assertEquals(ZoneId.systemDefault(), c.timeZone());
    assertEquals(ScheduleConfig.CatchUp.ALL, c.catchUp());
    assertEquals(3, c.maxRetries());
    assertEquals(Duration.ofSeconds(60), c.lockTimeout());
  }

  @Test
  void theFileIsReadAndTheCommandLineWins() throws Exception {
    Path f = dir.resolve("schedule.properties");
    Files.writeString(f, String.join("\n",
        "# nightly",
        "cron = 0 30 1 * * ?",
        "time_zone = Asia/Phnom_Penh",
        "input = /srv/in",
        "lakehouse = /srv/lh",
        "catch_up = latest",
        "max_retries = 5",
        "retry_backoff_seconds = 10",
        "lock_timeout_seconds = 90",
        ""));
    Map<String, String> cli = new HashMap<>();
    cli.put("max_retries", "1");
    cli.put("cron", null); // an option not given keeps the file's value
    ScheduleConfig c = ScheduleConfig.load(f, cli);
    assertEquals("0 30 1 * * ?", c.cron());
    assertEquals(ZoneId.of("Asia/Phnom_Penh"), c.timeZone());
    assertEquals("/srv/lh", c.lakehouse());
    assertEquals(ScheduleConfig.CatchUp.LATEST, c.catchUp());
    assertEquals(1, c.maxRetries());
    assertEquals(Duration.ofSeconds(90), c.lockTimeout());
    assertEquals(Duration.ofSeconds(10), c.backoffAfter(1));
    assertEquals(Duration.ofSeconds(20), c.backoffAfter(2));
    assertEquals(Duration.ofSeconds(40), c.backoffAfter(3));
    assertEquals(ScheduleConfig.MAX_BACKOFF, c.backoffAfter(30));
  }

  @Test
  void mistakesAreNamed() throws Exception {
    Path f = dir.resolve("bad.properties");
    Files.writeString(f, "cronn = 0 0 2 * * ?\n");
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ScheduleConfig.load(f, Map.of()));
    assertTrue(unknown.getMessage().contains("unknown setting 'cronn'"), unknown.getMessage());

    IllegalArgumentException cron = assertThrows(IllegalArgumentException.class,
        () -> ScheduleConfig.load(null, Map.of("cron", "0 2 * * *")));
    assertTrue(cron.getMessage().contains("invalid cron expression '0 2 * * *'"), cron.getMessage());
    assertTrue(cron.getMessage().contains("seconds first"), cron.getMessage());

    assertThrows(IllegalArgumentException.class, () -> ScheduleConfig.load(null, Map.of("catch_up", "some")));
    IllegalArgumentException zone = assertThrows(IllegalArgumentException.class,
        () -> ScheduleConfig.load(null, Map.of("time_zone", "Mars/Olympus")));
    assertTrue(zone.getMessage().contains("unknown time_zone"), zone.getMessage());
  }
}
