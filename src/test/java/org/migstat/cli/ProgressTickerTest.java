package org.migstat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.migstat.pipeline.Progress;

/** A long stage that says nothing still gets a line at least every 10 seconds, naming what it is doing. */
class ProgressTickerTest {

  @Test
  void aQuietStageGetsALineEveryTenSeconds() {
    AtomicLong now = new AtomicLong(0);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream target = new PrintStream(buf, true, StandardCharsets.UTF_8);
    try (ProgressTicker ticker = ProgressTicker.manual(target, now::get)) {
      Progress progress = new Progress(ticker.out());
      progress.say("gold", "recomputing: gold.permit_coverage from 2022-01-31");
      for (int s = 1; s <= 25; s++) { // 25 quiet seconds, the ticker asked every second
        now.set(s * 1_000_000_000L);
        ticker.tick();
      }
      now.set(26_000_000_000L);
      progress.say("publish", "74 periods");
      now.set(30_000_000_000L);
      ticker.tick(); // 4 s after a real line: nothing
    }
    List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(4, lines.size(), String.join("\n", lines));
    assertEquals("[  10.0s] gold     still working (10 s) after: recomputing: gold.permit_coverage from 2022-01-31",
        lines.get(1));
    assertEquals("[  20.0s] gold     still working (20 s) after: recomputing: gold.permit_coverage from 2022-01-31",
        lines.get(2));
    assertTrue(lines.get(3).endsWith("publish  74 periods"), lines.get(3));
  }
}
