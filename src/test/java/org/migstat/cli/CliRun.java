package org.migstat.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs a migstat command line in this JVM (on the test's Spark session), capturing what it prints. */
record CliRun(int exitCode, String out, String err) {
  static synchronized CliRun of(String stdin, String... args) {
    PrintStream oldOut = System.out;
    InputStream oldIn = System.in;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    StringWriter pico = new StringWriter();
    try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      if (stdin != null) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      }
      CommandLine cl = Main.commandLine();
      cl.setOut(new PrintWriter(pico, true));
      cl.setErr(new PrintWriter(err, true));
      int code = cl.execute(args);
      capture.flush();
      return new CliRun(code, buf.toString(StandardCharsets.UTF_8) + pico, err.toString());
    } finally {
      System.setOut(oldOut);
      System.setIn(oldIn);
    }
  }
}
