package org.migstat.cli;

import picocli.CommandLine.Option;

/** Options every command that touches the lakehouse shares. */
public final class CommonOptions {
  @Option(names = "--lakehouse", paramLabel = "ROOT", defaultValue = "lakehouse",
      description = "Lakehouse root: a folder or a URI such as s3a://bucket/migstat (default: ${DEFAULT-VALUE}).")
  public String lakehouse;

  @Option(names = "--verbose", description = "Print stack traces and Spark's own warnings.")
  public boolean verbose;

  /** Normalises a local lakehouse path to an absolute one so tables register with a stable location. */
  public String lakehouseRoot() {
    if (lakehouse.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !lakehouse.matches("^[a-zA-Z]:\\\\.*")) {
      return lakehouse;
    }
    return java.nio.file.Path.of(lakehouse).toAbsolutePath().normalize().toString();
  }
}
