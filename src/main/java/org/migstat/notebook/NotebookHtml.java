package org.migstat.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * One self-contained HTML page for an executed notebook (no scripts, no external resources): the
 * run's parameters and status on top, markdown rendered, SQL shown, result tables, skipped-cell notes
 * and the error of a failing cell. Raw HTML inside markdown is escaped, not passed through.
 */
final class NotebookHtml {
  private NotebookHtml() {}

  private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser MARKDOWN = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
      .escapeHtml(true).sanitizeUrls(true).build();

  private static final String CSS = """
      body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2329;background:#f6f7f9;margin:0}
      main{max-width:1100px;margin:0 auto;padding:24px 32px 64px;background:#fff;min-height:100vh}
      header.run{border:1px solid #d8dde3;border-radius:6px;padding:10px 14px;margin-bottom:24px;background:#fafbfc;font-size:13px}
      header.run .status-succeeded{color:#18794e;font-weight:600}
      header.run .status-failed{color:#b42318;font-weight:600}
      header.run table{border-collapse:collapse;margin-top:6px}
      header.run td{padding:1px 12px 1px 0}
      .cell{margin:14px 0}
      .md h1{font-size:26px;margin:8px 0 12px}.md h2{font-size:20px;margin:22px 0 8px}.md h3{font-size:17px}
      .md code,.md pre{background:#f0f2f5;border-radius:3px;padding:1px 4px;font-size:13px}
      .md table{border-collapse:collapse}.md th,.md td{border:1px solid #d8dde3;padding:3px 8px}
      pre.source{background:#f3f6fa;border-left:3px solid #7b9cc4;padding:8px 12px;overflow-x:auto;font-size:12.5px;margin:0}
      .prompt{color:#6b7785;font:12px monospace;margin-bottom:2px}
      .output{margin-top:6px;overflow-x:auto}
      table.dataframe{border-collapse:collapse;font-size:13px}
      table.dataframe th{background:#eef1f5;text-align:left;padding:4px 10px;border-bottom:2px solid #c9d1da}
      table.dataframe td{padding:3px 10px;border-bottom:1px solid #e6e9ed;white-space:nowrap}
      table.dataframe td.num{text-align:right;font-variant-numeric:tabular-nums}
      p.rowcount{color:#6b7785;font-size:12px;margin:4px 0 0}
      pre.stream{background:#fffbe6;border:1px solid #f0e2a0;padding:6px 10px;font-size:12.5px;white-space:pre-wrap}
      p.synthetic{border:2px solid #b42318;background:#fdeceb;color:#8a1c13;padding:8px 14px;border-radius:6px;margin:0 0 16px}
      pre.error{background:#fdeceb;border:1px solid #f2b8b5;color:#8a1c13;padding:6px 10px;font-size:12.5px;white-space:pre-wrap}
      """;

  static void write(Notebook executed, NotebookRunner.Report report, String lakehouse, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, render(executed, report, lakehouse), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static String render(Notebook nb, NotebookRunner.Report report, String lakehouse) {
    String title = nb.name();
    for (Notebook.Cell c : nb.cells()) {
      if (c.isMarkdown()) {
        String h = c.source().lines().filter(l -> l.startsWith("# ")).findFirst().orElse(null);
        if (h != null) {
          title = h.substring(2).strip();
          break;
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(Html.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
    JsonNode meta = nb.metadata().path("migstat");
    if (meta.path("synthetic").asBoolean(false)) {
      sb.append("<p class=\"synthetic\" role=\"note\"><b>").append(Html.escape(NotebookRunner.SYNTHETIC_EN))
          .append("</b> · <span lang=\"id\">").append(Html.escape(NotebookRunner.SYNTHETIC_ID))
          .append("</span></p>\n");
    }
    sb.append("<header class=\"run\"><div><b>").append(Html.escape(nb.name())).append(".ipynb</b> — ")
        .append(report.succeeded()
            ? "<span class=\"status-succeeded\">ran to the end</span>"
            : "<span class=\"status-failed\">failed at cell " + meta.path("failed_cell").asInt() + "</span>")
        .append(String.format(" in %.1f s", report.seconds())).append("</div>\n<table>");
    row(sb, "executed", meta.path("executed_at").asText(""));
    row(sb, "lakehouse", lakehouse);
    for (Map.Entry<String, String> p : report.parameters().entrySet()) {
      row(sb, "parameter " + p.getKey(), p.getValue());
    }
    if (!report.skipped().isEmpty()) {
      row(sb, "skipped cells", report.skipped().size() + (report.missingTables().isEmpty() ? ""
          : " (not built yet: " + String.join(", ", report.missingTables()) + ")"));
    }
    sb.append("</table></header>\n");

    for (Notebook.Cell c : nb.cells()) {
      if (c.isMarkdown()) {
        sb.append("<section class=\"cell md\">").append(RENDERER.render(MARKDOWN.parse(c.source()))).append("</section>\n");
        continue;
      }
      if (!c.isCode()) {
        continue;
      }
      String src = c.source();
      if (SqlScript.isMarkdownMagic(src)) {
        String md = src.substring(src.indexOf("%md") + 3);
        sb.append("<section class=\"cell md\">").append(RENDERER.render(MARKDOWN.parse(md))).append("</section>\n");
        continue;
      }
      sb.append("<section class=\"cell code\">");
      // Numbered as the console numbers it ("[cell 7] sql ..."): the cell's place in the notebook.
      JsonNode cellNumber = c.metadata().path("migstat").get("cell");
      Integer n = cellNumber != null && cellNumber.isInt() ? Integer.valueOf(cellNumber.asInt()) : null;
      String label = c.hasTag("parameters") ? "parameters" : c.hasTag("injected-parameters") ? "injected parameters"
          : SqlScript.isSql(src) ? "sql" : c.hasTag(NotebookRunner.DATABRICKS_ONLY) ? "python, Databricks only" : "python";
      sb.append("<div class=\"prompt\">[").append(n == null ? " " : "cell " + n).append("] ").append(label).append("</div>");
      sb.append("<pre class=\"source\">").append(Html.escape(src.strip())).append("</pre>");
      for (JsonNode out : c.outputs()) {
        sb.append("<div class=\"output\">");
        switch (out.path("output_type").asText()) {
          case "execute_result", "display_data" -> {
            JsonNode data = out.path("data");
            // Outputs were all written by NotebookRunner (it clears a notebook's outputs before running).
            if (data.has("text/html")) {
              sb.append(join(data.get("text/html")));
            } else {
              sb.append("<pre class=\"stream\">").append(Html.escape(join(data.path("text/plain")))).append("</pre>");
            }
          }
          case "stream" -> sb.append("<pre class=\"stream\">").append(Html.escape(join(out.path("text")))).append("</pre>");
          case "error" -> sb.append("<pre class=\"error\">").append(Html.escape(out.path("ename").asText() + ": "
              + out.path("evalue").asText())).append("</pre>");
          default -> { }
        }
        sb.append("</div>");
      }
      sb.append("</section>\n");
    }
    sb.append("</main>\n</body>\n</html>\n");
    return sb.toString();
  }

  private static void row(StringBuilder sb, String k, String v) {
    sb.append("<tr><td>").append(Html.escape(k)).append("</td><td><code>").append(Html.escape(v)).append("</code></td></tr>");
  }

  private static String join(JsonNode text) {
    if (text.isArray()) {
      StringBuilder sb = new StringBuilder();
      text.forEach(t -> sb.append(t.asText()));
      return sb.toString();
    }
    return text.asText("");
  }
}
