package org.migstat.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.migstat.notebook.NotebookRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "notebook", mixinStandardHelpOptions = true,
    description = "Statisticians' notebooks (notebooks/*.ipynb): run them headless against the lakehouse.",
    subcommands = {NotebookCommand.Run.class, CommandLine.HelpCommand.class})
public final class NotebookCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name a notebook command, e.g. `migstat notebook run notebooks/monthly_report.ipynb`");
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {
          "Execute a notebook headless: markdown passes through, %%sql cells run on Spark against the lakehouse",
          "(Delta time travel included), results go into the cell outputs. Writes the executed .ipynb and an",
          "HTML rendering. A failing cell stops the run with its number and the error.",
          "Example: bin/migstat notebook run notebooks/monthly_report.ipynb --param citizenship=CHN"})
  public static final class Run implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(paramLabel = "NOTEBOOK",
        description = "A .ipynb file, or the name of one in notebooks/ (e.g. monthly_report).")
    String notebook;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
        description = "Override a value of the notebook's parameters cell (repeatable). Values are validated: "
            + "a date must parse (yyyy-MM-dd), a citizenship must be 3 letters.")
    List<String> params;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "notebook-runs",
        description = "Folder for the executed notebook and its HTML rendering (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "" + NotebookRunner.DEFAULT_MAX_ROWS,
        description = "Rows of each result kept in the outputs (default: ${DEFAULT-VALUE}); the row count is always given.")
    int maxRows;

    @Override
    public Integer call() {
      Path file = resolve(notebook);
      Map<String, String> overrides = org.migstat.notebook.Parameters.pairs(params);
      // In a JVM that already has a session (tests, an embedding program) that one is used, and not stopped.
      boolean ownSession = SparkSession.getDefaultSession().isEmpty();
      SparkSession spark = ownSession ? Spark.start("notebook run", common.verbose) : SparkSession.getDefaultSession().get();
      try {
        NotebookRunner.Report r = new NotebookRunner(spark, common.lakehouseRoot(), maxRows, System.out)
            .run(file, overrides, out.toAbsolutePath().normalize());
        System.out.printf("%s: %d SQL cell%s ran%s in %.1f s%n", r.notebook(), r.sqlCells(), r.sqlCells() == 1 ? "" : "s",
            r.skipped().isEmpty() ? "" : ", " + r.skipped().size() + " skipped"
                + (r.missingTables().isEmpty() ? "" : " (table not built yet: " + String.join(", ", r.missingTables()) + ")"),
            r.seconds());
        System.out.println("wrote " + r.executed() + " and " + r.html());
        return 0;
      } finally {
        if (ownSession) {
          spark.stop();
        }
      }
    }

    static Path resolve(String name) {
      Path p = Path.of(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
      for (Path candidate : List.of(Path.of("notebooks", name), Path.of("notebooks", name + ".ipynb"), Path.of(name + ".ipynb"))) {
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
      throw new IllegalArgumentException("no notebook " + name + " (give a .ipynb file or a name in notebooks/)");
    }
  }
}
