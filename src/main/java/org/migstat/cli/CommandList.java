package org.migstat.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;

/**
 * The "Commands:" section of the help: each command with the whole first sentence of its description,
 * wrapped, where picocli's default shows only the first line of the description and cuts it mid-sentence.
 */
final class CommandList implements CommandLine.IHelpSectionRenderer {
  @Override
  public String render(Help help) {
    Map<String, Help> subs = help.subcommands();
    if (subs.isEmpty()) {
      return "";
    }
    int nameWidth = subs.keySet().stream().mapToInt(String::length).max().orElse(10) + 2;
    int width = help.commandSpec().usageMessage().width();
    TextTable table = TextTable.forColumns(help.colorScheme(),
        new Column(nameWidth + 2, 2, Column.Overflow.SPAN),
        new Column(Math.max(30, width - nameWidth - 2), 1, Column.Overflow.WRAP));
    for (Map.Entry<String, Help> e : subs.entrySet()) {
      if (e.getValue().commandSpec().usageMessage().hidden()) {
        continue;
      }
      CommandLine.Model.UsageMessageSpec usage = e.getValue().commandSpec().usageMessage();
      // As picocli does: the header when a command has one, else the description.
      table.addRowValues(e.getKey(), firstSentence(usage.header().length > 0 ? usage.header() : usage.description()));
    }
    return table.toString();
  }

  /** The description's lines joined, up to the end of the first sentence. */
  static String firstSentence(String[] description) {
    String text = String.join(" ", description).replace("%n", " ").replace("%%", "%").replaceAll("\\s+", " ").strip();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^.+?[.!?](?=\\s|$)").matcher(text);
    return m.find() ? m.group() : text;
  }

  /** Puts this renderer in place of picocli's command list, on the command and all its subcommands. */
  static void install(CommandLine cl) {
    cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandList());
    cl.getSubcommands().values().forEach(CommandList::install);
  }
}
