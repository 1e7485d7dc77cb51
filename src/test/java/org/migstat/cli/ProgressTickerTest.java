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

  /**
   * Progress lines printed while the ticker prints its own never deadlock: each side takes the stream's lock and
   * the ticker's, and a run hung for good (no line, no error) when the ticker held its own lock while printing.
   */
  @Test
  void progressLinesAndTickerLinesPrintedAtOnceNeverHang() throws InterruptedException {
    AtomicLong now = new AtomicLong(0);
    PrintStream target = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    // every reading of the clock is 11 s after the last: the ticker always finds the stage quiet and prints
    // not closed when the two threads hang: closing flushes the stream, whose lock a hung thread holds
    ProgressTicker ticker = ProgressTicker.manual(target, () -> now.addAndGet(11_000_000_000L));
    {
      Progress progress = new Progress(ticker.out());
      Thread saying = new Thread(() -> {
        for (int i = 0; i < 20_000; i++) {
          progress.say("silver", "permits: read %d = accepted %d", i, i);
        }
      }, "saying");
      Thread ticking = new Thread(() -> {
        for (int i = 0; i < 20_000; i++) {
          ticker.tick();
        }
      }, "ticking");
      saying.setDaemon(true);
      ticking.setDaemon(true);
      saying.start();
      ticking.start();
      saying.join(30_000);
      ticking.join(30_000);
      assertTrue(!saying.isAlive() && !ticking.isAlive(), "progress and ticker deadlocked: "
          + saying.getState() + " / " + ticking.getState());
      ticker.close();
    }
  }
}
