package org.migstat.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import picocli.CommandLine;

/**
 * Where Spark's own logging goes. Without {@code --verbose} nothing of it reaches the terminal: every log line
 * (Spark's ERROR lines about failed tasks included) goes to a file under the lakehouse, {@code _logs/}, which the
 * one-sentence failure message names. With {@code --verbose}, warnings and errors go to the terminal as well.
 */
final class Logs {
  private Logs() {}

  private static volatile Path file;

  /** The log file of this command, or null when logging goes to the terminal. */
  static Path file() {
    return file;
  }

  /** Configures logging for the command a parse result selects, before any Spark code runs. */
  static void configure(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult leaf = parsed;
    boolean verbose = parsed.hasMatchedOption("--verbose");
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
      verbose |= leaf.hasMatchedOption("--verbose");
    }
    if (verbose || leaf.commandSpec().findOption("--lakehouse") == null) {
      return;
    }
    String root = leaf.matchedOptionValue("--lakehouse",
        String.valueOf(leaf.commandSpec().findOption("--lakehouse").defaultValue()));
    String command = leaf.commandSpec().qualifiedName("-").replaceFirst("^migstat-", "");
    toFile(logDir(root), command);
  }

  /** {@code <lakehouse>/_logs} for a local lakehouse; the temporary folder's {@code migstat-logs} for a remote one. */
  static Path logDir(String lakehouseRoot) {
    boolean remote = lakehouseRoot.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !lakehouseRoot.startsWith("file:");
    return remote ? Path.of(System.getProperty("java.io.tmpdir"), "migstat-logs")
        : Path.of(lakehouseRoot.replaceFirst("^file:(//)?", "")).toAbsolutePath().normalize().resolve("_logs");
  }

  static void toFile(Path dir, String command) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      return; // no log folder: logging stays where it was configured
    }
    Path f = dir.resolve("migstat-" + command + "-"
        + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now()) + ".log");
    ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
    b.setStatusLevel(Level.ERROR);
    b.setConfigurationName("migstat-file");
    b.add(b.newAppender("file", "File")
        .addAttribute("fileName", f.toString())
        .addAttribute("append", true)
        .addAttribute("createOnDemand", true)
        .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d{ISO8601} %p %c{1}: %m%n%ex")));
    b.add(b.newRootLogger(Level.WARN).add(b.newAppenderRef("file")));
    b.add(b.newLogger("org.apache.hadoop.util.NativeCodeLoader", Level.ERROR));
    Configurator.reconfigure(b.build());
    file = f;
  }
}
