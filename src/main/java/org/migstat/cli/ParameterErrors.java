package org.migstat.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A bad command line gets one sentence and a pointer to the help, not a Java exception and the whole
 * usage: {@code --as-of 13/03/2024} gives "--as-of must be a date like 2024-03-13".
 */
final class ParameterErrors implements CommandLine.IParameterExceptionHandler {
  /** Exit code of a command line that could not be parsed (picocli's usage code). */
  static final int USAGE = 2;

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("migstat: " + sentence(ex));
    err.println("(see `" + cl.getCommandSpec().qualifiedName() + " --help`)");
    err.flush();
    return USAGE;
  }

  /** The one sentence for a parse error. */
  static String sentence(ParameterException ex) {
    ArgSpec arg = ex.getArgSpec();
    if (arg != null && arg.type() == LocalDate.class && ex.getCause() != null) {
      return name(arg) + " must be a date like 2024-03-13";
    }
    if (arg != null && (arg.type() == int.class || arg.type() == Integer.class || arg.type() == long.class)
        && ex.getCause() != null) {
      return name(arg) + " must be a whole number";
    }
    String msg = ex.getMessage() == null ? "the command line could not be read" : ex.getMessage();
    return msg.lines().findFirst().orElse(msg);
  }

  private static String name(ArgSpec arg) {
    return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
  }
}
