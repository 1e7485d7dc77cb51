package org.migstat.notebook;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A Jupyter notebook (nbformat 4) as a JSON tree: what Databricks imports and Jupyter or VS Code
 * display. Fields migstat does not know are kept as they are, so a notebook round-trips.
 */
public final class Notebook {
  static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode root;
  private final String name;

  private Notebook(ObjectNode root, String name) {
    this.root = root;
    this.name = name;
  }

  public static Notebook read(Path file) {
    String fileName = file.getFileName().toString();
    JsonNode tree;
    try {
      tree = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the notebook " + file + ": " + e.getMessage(), e);
    }
    if (!(tree instanceof ObjectNode o) || !o.path("cells").isArray()) {
      throw new IllegalArgumentException(file + " is not a Jupyter notebook (.ipynb with a \"cells\" list)");
    }
    if (o.path("nbformat").asInt(4) != 4) {
      throw new IllegalArgumentException(file + " is nbformat " + o.path("nbformat").asInt() + "; migstat reads nbformat 4");
    }
    return new Notebook(o, fileName.endsWith(".ipynb") ? fileName.substring(0, fileName.length() - 6) : fileName);
  }

  /** The file name without .ipynb. */
  public String name() {
    return name;
  }

  public List<Cell> cells() {
    List<Cell> out = new ArrayList<>();
    ArrayNode cells = (ArrayNode) root.get("cells");
    for (int i = 0; i < cells.size(); i++) {
      out.add(new Cell((ObjectNode) cells.get(i), i + 1));
    }
    return out;
  }

  /** A deep copy, for the executed version. */
  public Notebook copy() {
    return new Notebook(root.deepCopy(), name);
  }

  public ObjectNode metadata() {
    if (!root.path("metadata").isObject()) {
      root.set("metadata", JSON.createObjectNode());
    }
    return (ObjectNode) root.get("metadata");
  }

  /** Inserts a code cell after the given position (1-based; 0 = first) and returns it. */
  public Cell insertCodeCell(int after, String source, String tag) {
    ObjectNode c = JSON.createObjectNode();
    c.put("cell_type", "code");
    c.put("execution_count", (Integer) null);
    c.put("id", UUID.randomUUID().toString().substring(0, 8));
    ObjectNode meta = c.putObject("metadata");
    meta.putArray("tags").add(tag);
    c.putArray("outputs");
    c.set("source", Cell.sourceLines(source));
    ((ArrayNode) root.get("cells")).insert(after, c);
    return new Cell(c, after + 1);
  }

  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** JSON laid out as Jupyter writes it: one-space indent, "key": value. */
  public String toJson() {
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter(" ", "\n"))
        .withArrayIndenter(new DefaultIndenter(" ", "\n"));
    try {
      return JSON.writer(pp).writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise the notebook " + name, e);
    }
  }

  /** One cell; {@link #number()} is its 1-based position, the number error messages use. */
  public static final class Cell {
    private final ObjectNode node;
    private final int number;

    Cell(ObjectNode node, int number) {
      this.node = node;
      this.number = number;
    }

    public int number() {
      return number;
    }

    /** True when both wrap the same cell of the same notebook tree. */
    public boolean sameAs(Cell other) {
      return node == other.node;
    }

    public String type() {
      return node.path("cell_type").asText("");
    }

    public boolean isCode() {
      return "code".equals(type());
    }

    public boolean isMarkdown() {
      return "markdown".equals(type());
    }

    /** The source as one string (nbformat stores it as a list of lines or as one string). */
    public String source() {
      JsonNode s = node.path("source");
      if (s.isArray()) {
        StringBuilder sb = new StringBuilder();
        s.forEach(l -> sb.append(l.asText()));
        return sb.toString();
      }
      return s.asText("");
    }

    public boolean hasTag(String tag) {
      for (JsonNode t : node.path("metadata").path("tags")) {
        if (tag.equals(t.asText())) {
          return true;
        }
      }
      return false;
    }

    /** Tables a cell needs, from its metadata {@code "migstat": {"requires": ["gold.x", ...]}}. */
    public List<String> requiredTables() {
      List<String> out = new ArrayList<>();
      node.path("metadata").path("migstat").path("requires").forEach(t -> out.add(t.asText()));
      return out;
    }

    public ObjectNode metadata() {
      if (!node.path("metadata").isObject()) {
        node.set("metadata", JSON.createObjectNode());
      }
      return (ObjectNode) node.get("metadata");
    }

    /** The cell's "migstat" metadata object (created on first use). */
    public ObjectNode migstatMetadata() {
      ObjectNode meta = metadata();
      if (!meta.path("migstat").isObject()) {
        meta.set("migstat", JSON.createObjectNode());
      }
      return (ObjectNode) meta.get("migstat");
    }

    public ArrayNode clearOutputs() {
      return node.putArray("outputs");
    }

    public ArrayNode outputs() {
      return node.path("outputs").isArray() ? (ArrayNode) node.get("outputs") : clearOutputs();
    }

    public void executionCount(Integer n) {
      node.put("execution_count", n);
    }

    public Integer executionCount() {
      JsonNode n = node.get("execution_count");
      return n == null || n.isNull() ? null : n.asInt();
    }

    static ArrayNode sourceLines(String text) {
      ArrayNode lines = JSON.createArrayNode();
      int start = 0;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          lines.add(text.substring(start, i + 1));
          start = i + 1;
        }
      }
      if (start < text.length()) {
        lines.add(text.substring(start));
      }
      return lines;
    }
  }
}
