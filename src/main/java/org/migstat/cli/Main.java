package org.migstat.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: {@code bin/migstat <command>} locally, the same main class under spark-submit. */
@Command(name = "migstat", mixinStandardHelpOptions = true, version = "migstat 0.1.0",
    description = "Migration statistics on Apache Spark and Delta Lake: ingest registry extracts into a lakehouse, "
        + "compute official-grade indicators, and export them.",
    subcommands = {RunCommand.class, GenerateCommand.class, ImportGlotipCommand.class, CatalogCommand.class,
        PublishCommand.class, AuditCommand.class, ExportCommand.class, SqlCommand.class, TablesCommand.class,
        ScheduleCommand.class, BackfillCommand.class, StatusCommand.class, NotebookCommand.class, ServeCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. `migstat run`; see --help");
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(Main::reportFailure);
    cl.setParameterExceptionHandler(new ParameterErrors());
    CommandList.install(cl);
    cl.setExecutionStrategy(parsed -> {
      Logs.configure(parsed); // Spark's logging to a file under the lakehouse unless --verbose
      return new CommandLine.RunLast().execute(parsed);
    });
    return cl;
  }

  /** One clear sentence on stderr; the stack trace only with --verbose. */
  static int reportFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    boolean verbose = parsed.hasMatchedOption("--verbose")
        || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
    err.println("migstat: " + Failures.sentence(e));
    if (verbose) {
      e.printStackTrace(err);
    } else {
      err.println("(run again with --verbose for the details" + (Logs.file() != null && java.nio.file.Files.exists(Logs.file())
          ? "; Spark's log: " + Logs.file() : "") + ")");
    }
    err.flush();
    return 1;
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    System.exit(code);
  }
}
