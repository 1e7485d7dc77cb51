package org.migstat.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.migstat.notebook.SqlScript;

/**
 * The interactive side of {@code migstat sql}: a JLine prompt (line editing, history in
 * {@code ~/.migstat_sql_history}) over one warm {@link SqlSession}. A statement may span lines and
 * runs when it ends with {@code ;}; a line starting with {@code .} is a command. Errors are printed
 * and the shell goes on; Ctrl-C drops the line being typed, Ctrl-D or {@code .quit} leaves.
 */
final class SqlShell {
  private SqlShell() {}

  /** Ends a JLine line only when it is a command or a finished statement; otherwise asks for more. */
  static final class StatementParser extends DefaultParser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
      if (context == ParseContext.ACCEPT_LINE && !complete(line)) {
        throw new EOFError(-1, cursor, "statement not finished: end it with ;");
      }
      return super.parse(line, cursor, context);
    }
  }

  /** True when a shell input is ready to run: blank, a dot-command, or SQL ending with {@code ;}. */
  static boolean complete(String text) {
    if (text.isBlank() || SqlSession.isCommand(text)) {
      return true;
    }
    SqlScript.Split split = SqlScript.split(text);
    return split.complete() && !split.statements().isEmpty();
  }

  static int run(SqlSession session, String lakehouse) throws IOException {
    // JNI (or exec) terminal: JLine's FFM provider needs Java 22, migstat runs on 17.
    try (Terminal terminal = TerminalBuilder.builder().system(true).ffm(false).jni(true).exec(true).build()) {
      DefaultParser parser = new StatementParser();
      parser.setEscapeChars(null); // backslashes are SQL's, not the shell's
      LineReader reader = LineReaderBuilder.builder()
          .terminal(terminal)
          .appName("migstat sql")
          .parser(parser)
          .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".migstat_sql_history"))
          .variable(LineReader.SECONDARY_PROMPT_PATTERN, "   ...> ")
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is SQL's
          .build();
      PrintStream out = new PrintStream(terminal.output(), true, java.nio.charset.StandardCharsets.UTF_8);
      out.println("migstat sql on " + lakehouse + " — statements end with ';'; .tables, .describe TABLE, .help, .quit");
      out.flush();
      SqlSession shell = session.withOutput(out);
      while (true) {
        String input;
        try {
          input = reader.readLine("migstat> ");
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          return 0;
        }
        if (input.isBlank()) {
          continue;
        }
        try {
          if (!shell.execute(input, SqlSession.Format.TABLE)) {
            return 0;
          }
        } catch (Exception e) { // Spark's AnalysisException is checked, thrown through Scala
          out.println("error: " + SqlSession.sentence(e));
        }
        out.flush();
      }
    }
  }
}
