package org.migstat.disclosure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A table's cells (totals included) and the additivity relations its totals and hierarchies imply.
 * Immutable; cells are kept sorted by coordinates (dimension order; within a dimension by value, the
 * total last), so everything derived from a table is deterministic.
 *
 * <p>Two ways to build one: {@link #fromDetail} takes the detail cells (no totals) and computes every
 * margin itself, so totals are always consistent, and publishes the full grid of the leaf values seen
 * (or declared with {@link Hierarchy#withCodes}), zeros included; {@link #asGiven} takes a full set of
 * cells with their totals (needed for multi-valued dimensions, whose totals count distinct persons) and
 * checks that they add up. {@link #asPublished} is the reader's view, for auditing what is already out:
 * values as published (rounded ones stay rounded), suppressed cells' values unknown.
 */
public final class CellTable {
  /** Largest grid {@link #fromDetail} will fill in; published tables are far smaller. */
  public static final int MAX_CELLS = 1_000_000;

  private final TableSpec spec;
  private final List<Cell> cells;
  private final Map<Map<String, String>, Cell> index;
  private final List<Relation> relations;
  private final boolean truthKnown;

  private CellTable(TableSpec spec, Collection<Cell> unsorted, List<Relation> relations, boolean truthKnown) {
    this.spec = spec;
    this.truthKnown = truthKnown;
    List<Cell> sorted = new ArrayList<>(unsorted);
    sorted.sort(cellOrder(spec));
    this.cells = Collections.unmodifiableList(sorted);
    Map<Map<String, String>, Cell> idx = new HashMap<>();
    for (Cell c : sorted) {
      idx.put(c.coordinates(), c);
    }
    this.index = idx;
    this.relations = relations == null ? Collections.unmodifiableList(deriveRelations()) : relations;
  }

  public static Builder builder(TableSpec spec) {
    return new Builder(spec);
  }

  /** A table from detail cells (every coordinate a leaf); all totals and the zero cells are computed. */
  public static CellTable fromDetail(TableSpec spec, Collection<Cell> detail) {
    List<String> dims = spec.dimensions();
    for (String d : dims) {
      if (spec.hierarchy(d).multiValued()) {
        throw new IllegalArgumentException(spec.id() + ": dimension " + d + " is multi-valued; its totals count "
            + "distinct persons and cannot be summed from detail cells: build the table with asGiven");
      }
    }
    List<TreeSet<String>> leaves = new ArrayList<>();
    for (String d : dims) {
      leaves.add(new TreeSet<>(spec.hierarchy(d).codes()));
    }
    Map<List<String>, Cell> byKey = new HashMap<>();
    for (Cell c : detail) {
      List<String> key = key(spec, c.coordinates());
      for (int i = 0; i < dims.size(); i++) {
        Hierarchy h = spec.hierarchy(dims.get(i));
        String v = key.get(i);
        if (h.isAggregate(v)) {
          throw new IllegalArgumentException(spec.id() + ": detail cell " + c.label() + " has the aggregate value "
              + v + " for " + dims.get(i));
        }
        if (!h.codes().isEmpty() && !h.codes().contains(v)) {
          throw new IllegalArgumentException(spec.id() + ": value " + v + " of " + dims.get(i)
              + " is not among the declared codes " + h.codes());
        }
        leaves.get(i).add(v);
      }
      if (byKey.put(key, c) != null) {
        throw new IllegalArgumentException(spec.id() + ": two detail cells at " + c.label());
      }
    }
    long size = 1;
    for (TreeSet<String> l : leaves) {
      size *= Math.max(1, l.size());
      if (size > MAX_CELLS) {
        throw new IllegalArgumentException(spec.id() + ": more than " + MAX_CELLS + " detail cells");
      }
    }
    Map<List<String>, long[]> sums = new HashMap<>();
    Map<List<String>, Flag> flags = new HashMap<>();
    List<List<String>> grid = new ArrayList<>();
    if (!byKey.isEmpty()) {
      product(leaves, 0, new ArrayList<>(), grid);
    }
    for (List<String> leaf : grid) {
      Cell c = byKey.get(leaf);
      long v = c == null ? 0 : c.value();
      if (c != null && c.flag() != null) {
        flags.put(leaf, c.flag());
      }
      List<List<String>> chains = new ArrayList<>();
      for (int i = 0; i < dims.size(); i++) {
        chains.add(spec.hierarchy(dims.get(i)).selfAndAncestors(leaf.get(i)));
      }
      List<List<String>> targets = new ArrayList<>();
      product(chains, 0, new ArrayList<>(), targets);
      for (List<String> t : targets) {
        sums.computeIfAbsent(t, k -> new long[1])[0] += v;
      }
    }
    List<Cell> out = new ArrayList<>();
    for (Map.Entry<List<String>, long[]> e : sums.entrySet()) {
      out.add(new Cell(spec.id(), coords(dims, e.getKey()), e.getValue()[0], flags.get(e.getKey())));
    }
    return new CellTable(spec, out, null, true);
  }

  /** A table from all its cells, totals included, as given; throws if the totals do not add up. */
  public static CellTable asGiven(TableSpec spec, Collection<Cell> cells) {
    CellTable t = new CellTable(spec, normalise(spec, cells), null, true);
    for (Relation r : t.relations) {
      long total = t.cell(r.total()).value();
      long sum = 0;
      long max = 0;
      for (CellRef p : r.parts()) {
        long v = t.cell(p).value();
        sum += v;
        max = Math.max(max, v);
      }
      boolean ok = r.kind() == Relation.Kind.SUM ? total == sum : total >= max && total <= sum;
      if (!ok) {
        throw new IllegalArgumentException(spec.id() + ": total " + r.total().label() + " = " + total
            + " does not add up along " + r.dimension() + " (parts sum to " + sum + ", largest " + max + ")");
      }
    }
    return t;
  }

  /**
   * A table as a reader sees it, for auditing what is already published (read back from the publish
   * tables): each cell's value is its published value, rounded where the policy rounds, and the value
   * of a cell flagged [c] is ignored. Nothing is checked for additivity (rounded and hidden cells do not
   * add up). Such a table can be audited but not suppressed.
   */
  public static CellTable asPublished(TableSpec spec, Collection<Cell> cells) {
    List<Cell> out = new ArrayList<>();
    for (Cell c : normalise(spec, cells)) {
      out.add(c.suppressed() ? new Cell(c.tableId(), c.coordinates(), 0, c.flag()) : c);
    }
    return new CellTable(spec, out, null, false);
  }

  private static List<Cell> normalise(TableSpec spec, Collection<Cell> cells) {
    Map<List<String>, Cell> seen = new HashMap<>();
    List<Cell> out = new ArrayList<>();
    for (Cell c : cells) {
      List<String> key = key(spec, c.coordinates());
      Cell normal = new Cell(spec.id(), coords(spec.dimensions(), key), c.value(), c.flag());
      if (seen.put(key, normal) != null) {
        throw new IllegalArgumentException(spec.id() + ": two cells at " + normal.label());
      }
      out.add(normal);
    }
    return out;
  }

  public TableSpec spec() {
    return spec;
  }

  /**
   * True when the cells hold true counts (built from detail or as given); false for a reader's view
   * ({@link #asPublished}), where a suppressed cell's count is unknown.
   */
  public boolean truthKnown() {
    return truthKnown;
  }

  /** Whether this cell's true count is known: always with true counts, else only for published exact cells. */
  boolean valueKnown(Cell c) {
    return truthKnown || (!c.suppressed() && spec.policy().roundingBase() <= 1);
  }

  public String id() {
    return spec.id();
  }

  /** All cells, totals included, sorted by coordinates. */
  public List<Cell> cells() {
    return cells;
  }

  /** Every total = sum of its parts relation, along each dimension with a total. */
  public List<Relation> relations() {
    return relations;
  }

  /** The cell at these coordinates, or null when the table has none there. */
  public Cell cell(Map<String, String> coordinates) {
    return index.get(coordinates);
  }

  public Cell cell(CellRef ref) {
    if (!ref.tableId().equals(spec.id())) {
      throw new IllegalArgumentException(ref.label() + " is not in table " + spec.id());
    }
    return cell(ref.coordinates());
  }

  /** The cell whose coordinates are {@code values} in dimension order. */
  public Cell cell(String... values) {
    return cell(coords(spec.dimensions(), List.of(values)));
  }

  /** True when some coordinate is a total or an intermediate level. */
  public boolean isTotal(Cell c) {
    return level(c) > 0;
  }

  /** Number of coordinates that are totals or intermediate levels (0 for a detail cell). */
  public int level(Cell c) {
    int n = 0;
    for (String d : spec.dimensions()) {
      if (spec.hierarchy(d).isAggregate(c.coordinates().get(d))) {
        n++;
      }
    }
    return n;
  }

  /** True for the cell whose every coordinate is its dimension's total. */
  public boolean isGrandTotal(Cell c) {
    for (String d : spec.dimensions()) {
      Hierarchy h = spec.hierarchy(d);
      if (!h.hasTotal() || !h.total().equals(c.coordinates().get(d))) {
        return false;
      }
    }
    return true;
  }

  /** The value a reader sees: null when suppressed, otherwise the count rounded by the policy. */
  public Long publishedValue(Cell c) {
    return c.suppressed() ? null : spec.policy().round(c.value());
  }

  /** A copy with each cell's flag replaced by {@code flagOf(cell)}; relations are kept. */
  public CellTable withFlags(Function<Cell, Flag> flagOf) {
    List<Cell> out = new ArrayList<>(cells.size());
    for (Cell c : cells) {
      out.add(c.withFlag(flagOf.apply(c)));
    }
    return new CellTable(spec, out, relations, truthKnown);
  }

  public List<Cell> suppressedCells() {
    return cells.stream().filter(Cell::suppressed).toList();
  }

  @Override
  public String toString() {
    return "CellTable[" + spec.id() + ", " + cells.size() + " cells, " + relations.size() + " relations]";
  }

  private List<Relation> deriveRelations() {
    List<String> dims = spec.dimensions();
    List<Relation> out = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) {
      String d = dims.get(i);
      Hierarchy h = spec.hierarchy(d);
      if (!h.hasTotal()) {
        continue;
      }
      // group by the other coordinates, in cell order so relations come out sorted
      Map<List<String>, List<Cell>> groups = new LinkedHashMap<>();
      for (Cell c : cells) {
        List<String> rest = new ArrayList<>(key(spec, c.coordinates()));
        rest.remove(i);
        groups.computeIfAbsent(rest, k -> new ArrayList<>()).add(c);
      }
      for (List<Cell> group : groups.values()) {
        Map<String, Cell> byValue = new LinkedHashMap<>();
        for (Cell c : group) {
          byValue.put(c.coordinates().get(d), c);
        }
        Map<String, List<String>> children = new TreeMap<>(valueOrder(h));
        children.putAll(h.childrenAmong(byValue.keySet()));
        for (Map.Entry<String, List<String>> e : children.entrySet()) {
          Cell parent = byValue.get(e.getKey());
          if (parent == null) {
            continue;
          }
          List<CellRef> parts = e.getValue().stream().sorted(valueOrder(h)).map(v -> byValue.get(v).ref()).toList();
          out.add(new Relation(d, parent.ref(), parts, h.multiValued() ? Relation.Kind.COVER : Relation.Kind.SUM));
        }
      }
    }
    return out;
  }

  static Comparator<String> valueOrder(Hierarchy h) {
    return Comparator.<String, Boolean>comparing(v -> v.equals(h.total())).thenComparing(Comparator.naturalOrder());
  }

  static Comparator<Cell> cellOrder(TableSpec spec) {
    Comparator<Cell> order = Comparator.comparing(Cell::tableId);
    for (String d : spec.dimensions()) {
      Comparator<String> values = valueOrder(spec.hierarchy(d));
      order = order.thenComparing(c -> c.coordinates().get(d), values);
    }
    return order;
  }

  private static List<String> key(TableSpec spec, Map<String, String> coordinates) {
    if (coordinates.size() != spec.dimensions().size()) {
      throw new IllegalArgumentException(spec.id() + ": coordinates " + coordinates + " do not match dimensions "
          + spec.dimensions());
    }
    List<String> key = new ArrayList<>();
    for (String d : spec.dimensions()) {
      String v = coordinates.get(d);
      if (v == null) {
        throw new IllegalArgumentException(spec.id() + ": no value for dimension " + d + " in " + coordinates);
      }
      key.add(v);
    }
    return key;
  }

  static Map<String, String> coords(List<String> dims, List<String> values) {
    if (dims.size() != values.size()) {
      throw new IllegalArgumentException("expected values for " + dims + ", got " + values);
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < dims.size(); i++) {
      m.put(dims.get(i), values.get(i));
    }
    return m;
  }

  private static void product(List<? extends Collection<String>> sets, int i, List<String> prefix,
      List<List<String>> out) {
    if (i == sets.size()) {
      out.add(List.copyOf(prefix));
      return;
    }
    for (String v : sets.get(i)) {
      prefix.add(v);
      product(sets, i + 1, prefix, out);
      prefix.remove(prefix.size() - 1);
    }
  }

  /** Collects cells, then builds with {@link #detail()} (margins computed) or {@link #asGiven()}. */
  public static final class Builder {
    private final TableSpec spec;
    private final List<Cell> cells = new ArrayList<>();

    private Builder(TableSpec spec) {
      this.spec = spec;
    }

    /** A cell with its coordinates given in dimension order. */
    public Builder add(long value, String... coordinates) {
      return add(coords(spec.dimensions(), List.of(coordinates)), value, null);
    }

    public Builder add(Map<String, String> coordinates, long value) {
      return add(coordinates, value, null);
    }

    public Builder add(Map<String, String> coordinates, long value, Flag flag) {
      cells.add(new Cell(spec.id(), coordinates, value, flag));
      return this;
    }

    public CellTable detail() {
      return fromDetail(spec, cells);
    }

    public CellTable asGiven() {
      return CellTable.asGiven(spec, cells);
    }

    public CellTable asPublished() {
      return CellTable.asPublished(spec, cells);
    }
  }
}
