package org.migstat.notebook;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notebook's parameters, Papermill style: the code cell tagged {@code parameters} holds
 * {@code name = "value"} lines; {@code --param name=value} overrides them. Values are substituted into
 * SQL as text ({@code ${as_of}}), so every value is validated against its kind first and only a
 * value of that exact shape ever reaches SQL: a date that parses, a 3-letter country code, an
 * integer, or a plain word (letters, digits, {@code _ . : -}).
 */
public final class Parameters {
  /** The shape a value must have. */
  public enum Kind {
    DATE("a date (yyyy-MM-dd)"),
    COUNTRY("a 3-letter ISO 3166 alpha-3 code such as IDN"),
    INTEGER("a whole number"),
    WORD("a plain word (letters, digits, _ . : -, at most 80 characters)");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  /** One validated parameter. */
  public record Parameter(String name, Kind kind, String value) {}

  private static final Pattern ASSIGNMENT = Pattern.compile(
      "^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(?:\"([^\"\\\\]*)\"|'([^'\\\\]*)'|(-?\\d+))\\s*(?:#.*)?$");
  private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{3}");
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.:-]{1,80}");
  private static final Pattern DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final Map<String, Parameter> values;

  private Parameters(Map<String, Parameter> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static Parameters none() {
    return new Parameters(new LinkedHashMap<>());
  }

  /**
   * Reads the defaults from the parameters cell's source and applies the overrides.
   *
   * @param cellSource source of the cell tagged {@code parameters} (null when the notebook has none)
   * @param cellNumber its 1-based position, for messages
   */
  public static Parameters parse(String cellSource, int cellNumber, Map<String, String> overrides) {
    Map<String, String[]> defaults = new LinkedHashMap<>();
    if (cellSource != null) {
      for (String line : cellSource.split("\n", -1)) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        Matcher m = ASSIGNMENT.matcher(line);
        if (!m.matches()) {
          throw new IllegalArgumentException("the parameters cell (cell " + cellNumber + ") may hold only "
              + "name = \"value\" lines, not: " + l);
        }
        String literal = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
        defaults.put(m.group(1), new String[] {literal, m.group(4) != null ? "int" : "str"});
      }
    }
    for (String name : overrides.keySet()) {
      if (!defaults.containsKey(name)) {
        throw new IllegalArgumentException("the notebook has no parameter '" + name + "'"
            + (defaults.isEmpty() ? " (it takes none)" : " (its parameters: " + String.join(", ", defaults.keySet()) + ")"));
      }
    }
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (Map.Entry<String, String[]> d : defaults.entrySet()) {
      String name = d.getKey();
      Kind kind = kindOf(name, d.getValue()[0], "int".equals(d.getValue()[1]));
      boolean overridden = overrides.containsKey(name);
      String raw = overridden ? overrides.get(name) : d.getValue()[0];
      out.put(name, new Parameter(name, kind, validate(name, kind, raw, overridden)));
    }
    return new Parameters(out);
  }

  /** The kind follows the name first (as_of, *_date, citizenship, *country), then the default's shape. */
  static Kind kindOf(String name, String defaultValue, boolean integerLiteral) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    if (n.equals("as_of") || n.endsWith("_date") || n.equals("date")) {
      return Kind.DATE;
    }
    if (n.equals("citizenship") || n.endsWith("country") || n.endsWith("citizenship")) {
      return Kind.COUNTRY;
    }
    if (integerLiteral) {
      return Kind.INTEGER;
    }
    if (DATE_SHAPE.matcher(defaultValue).matches()) {
      return Kind.DATE;
    }
    return Kind.WORD;
  }

  static String validate(String name, Kind kind, String raw, boolean given) {
    String v = raw == null ? "" : raw.strip();
    String where = "parameter " + name + (given ? "" : " (the notebook's default)");
    switch (kind) {
      case DATE -> {
        try {
          if (!DATE_SHAPE.matcher(v).matches()) {
            throw new DateTimeParseException("shape", v, 0);
          }
          return LocalDate.parse(v).toString();
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException(where + ": \"" + v + "\" is not " + kind.description);
        }
      }
      case COUNTRY -> {
        if (!COUNTRY.matcher(v).matches()) {
          throw new IllegalArgumentException(where + ": \"" + v + "\" is not " + kind.description);
        }
        return v.toUpperCase(java.util.Locale.ROOT);
      }
      case INTEGER -> {
        if (!INTEGER.matcher(v).matches()) {
          throw new IllegalArgumentException(where + ": \"" + v + "\" is not " + kind.description);
        }
        return Long.toString(Long.parseLong(v));
      }
      default -> {
        if (!WORD.matcher(v).matches()) {
          throw new IllegalArgumentException(where + ": \"" + v + "\" is not " + kind.description);
        }
        return v;
      }
    }
  }

  /** Parses {@code k=v} command-line pairs (later ones win). */
  public static Map<String, String> pairs(List<String> kv) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : kv == null ? List.<String>of() : kv) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--param takes name=value, not \"" + p + "\"");
      }
      out.put(p.substring(0, eq).strip(), p.substring(eq + 1));
    }
    return out;
  }

  public Map<String, Parameter> all() {
    return values;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** name → validated value, in the notebook's order. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    values.values().forEach(p -> m.put(p.name(), p.value()));
    return m;
  }

  /** The Python assignments of a Papermill "injected-parameters" cell. */
  public String asPython(Iterable<String> names) {
    List<String> lines = new ArrayList<>();
    lines.add("# Parameters given to migstat notebook run");
    for (String n : names) {
      Parameter p = values.get(n);
      lines.add(p.name() + " = " + (p.kind() == Kind.INTEGER ? p.value() : "\"" + p.value() + "\""));
    }
    return String.join("\n", lines);
  }

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");

  /**
   * Replaces every {@code ${name}} by the validated value. A reference to anything that is not a
   * parameter of this notebook is an error, so Spark's own variable substitution never sees one.
   */
  public String substitute(String sql) {
    Matcher m = REFERENCE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Parameter p = values.get(m.group(1).strip());
      if (p == null) {
        throw new IllegalArgumentException("${" + m.group(1) + "} is not a parameter of this notebook"
            + (values.isEmpty() ? " (it has no parameters cell)" : " (its parameters: " + String.join(", ", values.keySet()) + ")"));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(p.value()));
    }
    m.appendTail(out);
    return out.toString();
  }
}
