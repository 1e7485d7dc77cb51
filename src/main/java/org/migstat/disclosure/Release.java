package org.migstat.disclosure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything published together: tables, the margins they share, ratios, and (for the differencing
 * attack) the earlier release a reader already holds.
 *
 * <p><b>Linked tables.</b> Two tables share a margin when their cells with equal coordinates on the
 * shared dimensions and totals elsewhere are the same quantity. A release finds these links itself:
 * tables whose {@link TableSpec#population()} is equal (and not null) are linked on all the dimension
 * names they have in common (on their grand totals when they have none). Links between tables of
 * different populations are declared with {@link Builder#link}. Linked cells must hold equal counts; the
 * engine treats them as one quantity, hidden in every table or in none.
 *
 * <p><b>Differencing.</b> {@link Builder#previous} names the earlier release (as published, with its
 * flags) and the cumulative tables (year-to-date counts) present in both under the same id: for every
 * coordinate, later = earlier + increment with the increment (persons counted for the first time since
 * the earlier release) at least 0. An increment of 1..n-1 is as sensitive as a small cell. The earlier
 * release's own {@code previous} is followed too, so a chain of monthly releases is audited together.
 * The earlier release may be a reader's view ({@link CellTable#asPublished}, read back from the publish
 * tables); its suppressed counts are then unknown, and an increment over one of them is only flagged
 * when the attacker pins it to 1..n-1. Give it with true counts (recomputed as of that release, e.g. by
 * Delta time travel) for the full check.
 */
public final class Release {
  private final String id;
  private final Map<String, CellTable> tables;
  private final List<SharedMargin> declaredLinks;
  private final List<RatioSpec> ratioSpecs;
  private final List<Ratio> givenRatios;
  private final Release previous;
  private final Set<String> cumulative;
  private final List<Identity> identities;
  private final List<Link> links;
  private final Set<String> fixed;

  private Release(String id, Map<String, CellTable> tables, List<SharedMargin> declaredLinks,
      List<RatioSpec> ratioSpecs, List<Ratio> givenRatios, Release previous, Set<String> cumulative,
      List<Identity> identities, List<Link> links, Set<String> fixed) {
    this.id = id;
    this.identities = List.copyOf(identities);
    this.links = List.copyOf(links);
    this.fixed = Collections.unmodifiableSet(new TreeSet<>(fixed));
    this.tables = Collections.unmodifiableMap(new TreeMap<>(tables));
    this.declaredLinks = List.copyOf(declaredLinks);
    this.ratioSpecs = List.copyOf(ratioSpecs);
    this.givenRatios = List.copyOf(givenRatios);
    this.previous = previous;
    this.cumulative = Collections.unmodifiableSet(new TreeSet<>(cumulative));
    for (SharedMargin m : declaredLinks) {
      checkLink(m);
    }
    for (RatioSpec r : ratioSpecs) {
      cell(r.numerator());
      cell(r.denominator());
    }
    for (String t : this.cumulative) {
      table(t);
      if (previous == null) {
        throw new IllegalArgumentException("release " + id + ": cumulative tables need a previous release");
      }
      previous.table(t);
    }
    for (Identity i : this.identities) {
      cell(i.total());
      i.parts().forEach(this::cell);
    }
    for (Link l : this.links) {
      cell(l.earlier());
      cell(l.later());
    }
    for (String t : this.fixed) {
      table(t);
    }
    for (Release r = previous; r != null; r = r.previous) {
      if (r.id.equals(id)) {
        throw new IllegalArgumentException("release " + id + " appears twice in its own history");
      }
    }
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  public String id() {
    return id;
  }

  /** Tables sorted by id. */
  public List<CellTable> tables() {
    return List.copyOf(tables.values());
  }

  public CellTable table(String tableId) {
    CellTable t = tables.get(tableId);
    if (t == null) {
      throw new IllegalArgumentException("release " + id + " has no table " + tableId);
    }
    return t;
  }

  public Cell cell(CellRef ref) {
    Cell c = table(ref.tableId()).cell(ref);
    if (c == null) {
      throw new IllegalArgumentException("release " + id + " has no cell " + ref.label());
    }
    return c;
  }

  /** Declared links plus those found by population, sorted, one per table pair. */
  public List<SharedMargin> sharedMargins() {
    Map<String, SharedMargin> out = new TreeMap<>();
    List<CellTable> ts = tables();
    for (int i = 0; i < ts.size(); i++) {
      for (int j = i + 1; j < ts.size(); j++) {
        TableSpec a = ts.get(i).spec();
        TableSpec b = ts.get(j).spec();
        if (a.population() != null && a.population().equals(b.population())) {
          List<String> common = new ArrayList<>(a.dimensions());
          common.retainAll(b.dimensions());
          out.put(a.id() + "|" + b.id() + "|" + common, new SharedMargin(a.id(), b.id(), common));
        }
      }
    }
    for (SharedMargin m : declaredLinks) {
      out.put(m.tableA() + "|" + m.tableB() + "|" + m.dimensions(), m);
    }
    return List.copyOf(out.values());
  }

  /** The ratios as published: specs evaluated against the current flags, then any given as published. */
  public List<Ratio> ratios() {
    List<Ratio> out = new ArrayList<>();
    for (RatioSpec s : ratioSpecs) {
      out.add(Ratio.evaluate(s, this));
    }
    out.addAll(givenRatios);
    return out;
  }

  List<RatioSpec> ratioSpecs() {
    return ratioSpecs;
  }

  List<Ratio> givenRatios() {
    return givenRatios;
  }

  /** The earlier release a reader already holds, or null. */
  public Release previous() {
    return previous;
  }

  /** Ids of the cumulative tables differenced against {@link #previous()}. */
  public Set<String> cumulativeTables() {
    return cumulative;
  }

  /** Identities between cells of different tables (declared relations expanded per coordinate). */
  public List<Identity> identities() {
    return identities;
  }

  /** Pairs of cells a reader can subtract (nested periods, vintages). */
  public List<Link> links() {
    return links;
  }

  /**
   * Whether a table was published by an earlier release: its cells are fixed (never hidden now) and known
   * to the reader as published.
   */
  public boolean isFixed(String tableId) {
    return fixed.contains(tableId);
  }

  /** The same release with these tables (same ids) in place of the current ones. */
  public Release withTables(List<CellTable> replacement) {
    Map<String, CellTable> m = new TreeMap<>(tables);
    for (CellTable t : replacement) {
      if (!m.containsKey(t.id())) {
        throw new IllegalArgumentException("release " + id + " has no table " + t.id());
      }
      m.put(t.id(), t);
    }
    return new Release(id, m, declaredLinks, ratioSpecs, givenRatios, previous, cumulative, identities, links, fixed);
  }

  /** The same release differenced against another copy of the earlier release (same cumulative tables). */
  public Release withPrevious(Release earlier) {
    return new Release(id, tables, declaredLinks, ratioSpecs, givenRatios, earlier, cumulative, identities, links, fixed);
  }

  private void checkLink(SharedMargin m) {
    for (String t : List.of(m.tableA(), m.tableB())) {
      TableSpec s = table(t).spec();
      if (!s.dimensions().containsAll(m.dimensions())) {
        throw new IllegalArgumentException("link " + m + ": table " + t + " lacks some of " + m.dimensions());
      }
    }
  }

  public static final class Builder {
    private final String id;
    private final Map<String, CellTable> tables = new TreeMap<>();
    private final List<SharedMargin> sharedLinks = new ArrayList<>();
    private final List<RatioSpec> ratioSpecs = new ArrayList<>();
    private final List<Ratio> givenRatios = new ArrayList<>();
    private Release previous;
    private final Set<String> cumulative = new TreeSet<>();
    private final List<Identity> identities = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final Set<String> fixed = new TreeSet<>();

    private Builder(String id) {
      this.id = id;
    }

    public Builder table(CellTable t) {
      if (tables.put(t.id(), t) != null) {
        throw new IllegalArgumentException("release " + id + ": table " + t.id() + " added twice");
      }
      return this;
    }

    /**
     * A table an earlier release published, as published (a reader's view) or with its true counts and
     * flags: it enters the problem fixed, nothing in it can be hidden now.
     */
    public Builder fixedTable(CellTable t) {
      table(t);
      fixed.add(t.id());
      return this;
    }

    /** {@code total = sum(parts)} across tables. */
    public Builder identity(Identity identity) {
      identities.add(identity);
      return this;
    }

    /** Two cells a reader can subtract. */
    public Builder link(Link link) {
      links.add(link);
      return this;
    }

    /** Declares that two tables publish the same margin over {@code dimensions}. */
    public Builder link(String tableA, String tableB, String... dimensions) {
      sharedLinks.add(new SharedMargin(tableA, tableB, List.of(dimensions)));
      return this;
    }

    /** A ratio migstat publishes; its value and flag follow the rule in {@link RatioSpec}. */
    public Builder ratio(RatioSpec spec) {
      ratioSpecs.add(spec);
      return this;
    }

    /** A ratio exactly as someone published it (for auditing what is already out). */
    public Builder publishedRatio(Ratio ratio) {
      givenRatios.add(ratio);
      return this;
    }

    /** The earlier release a reader holds, and the cumulative tables to difference against it. */
    public Builder previous(Release earlier, String... cumulativeTableIds) {
      this.previous = earlier;
      cumulative.addAll(List.of(cumulativeTableIds));
      return this;
    }

    public Release build() {
      return new Release(id, tables, sharedLinks, ratioSpecs, givenRatios, previous,
          cumulative, identities, this.links, fixed);
    }
  }
}
