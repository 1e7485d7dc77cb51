package org.migstat.disclosure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the values of one dimension add up. Every value has at most one parent: the value's entry in
 * {@code parents} when it has one (month {@code 2024-03} to year {@code 2024}), otherwise the total
 * (SDMX {@code _T}). A dimension without a total ({@link #noTotal()}, e.g. the reference date of a stock
 * table, where dates do not add up) has no additivity along it.
 *
 * @param total       code of the total, normally {@code _T}; null when the dimension has no total
 * @param parents     child value to parent value, for intermediate levels; values absent here are
 *                    children of the total
 * @param codes       declared leaf values: a table built from detail cells publishes every one of them,
 *                    zero when absent from the data (empty: the values seen in the data)
 * @param multiValued true when a person may fall in several values at once (several forms of
 *                    exploitation): a parent then counts distinct persons, at least the largest child
 *                    and at most the children's sum, instead of exactly their sum
 */
public record Hierarchy(String total, Map<String, String> parents, List<String> codes, boolean multiValued) {
  public static final String TOTAL = "_T";

  public Hierarchy {
    parents = parents == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parents));
    codes = codes == null ? List.of() : List.copyOf(codes);
    if (total == null && !parents.isEmpty()) {
      throw new IllegalArgumentException("a hierarchy with intermediate levels needs a total");
    }
    for (String c : codes) {
      if (c.equals(total) || parents.containsValue(c)) {
        throw new IllegalArgumentException("declared code " + c + " is a total or an intermediate level");
      }
    }
    for (Map.Entry<String, String> e : parents.entrySet()) {
      if (e.getKey().equals(total)) {
        throw new IllegalArgumentException("the total " + total + " cannot have a parent");
      }
      String seen = e.getKey();
      for (int depth = 0; seen != null && !seen.equals(total); depth++) {
        if (depth > parents.size()) {
          throw new IllegalArgumentException("cycle in hierarchy at " + e.getKey());
        }
        seen = parents.get(seen);
      }
    }
  }

  /** Values that add up to {@code _T}, no intermediate levels (sex, case type). */
  public static Hierarchy flat() {
    return new Hierarchy(TOTAL, Map.of(), List.of(), false);
  }

  /** Values that add up to {@code _T} through intermediate levels (month to year, province to region). */
  public static Hierarchy withParents(Map<String, String> childToParent) {
    return new Hierarchy(TOTAL, childToParent, List.of(), false);
  }

  /** A dimension that is never summed over (the reference date of a stock). */
  public static Hierarchy noTotal() {
    return new Hierarchy(null, Map.of(), List.of(), false);
  }

  /** The same hierarchy, publishing every one of {@code leafCodes} even when absent from the data. */
  public Hierarchy withCodes(List<String> leafCodes) {
    return new Hierarchy(total, parents, leafCodes, multiValued);
  }

  /** The same hierarchy for a breakdown where a person may count under several values. */
  public Hierarchy asMultiValued() {
    return new Hierarchy(total, parents, codes, true);
  }

  public boolean hasTotal() {
    return total != null;
  }

  /** The parent of a value, or null for the total and for values of a dimension without a total. */
  public String parent(String value) {
    if (total == null || value.equals(total)) {
      return null;
    }
    return parents.getOrDefault(value, total);
  }

  /** True for the total and for every value that is some other value's parent. */
  public boolean isAggregate(String value) {
    return value.equals(total) || parents.containsValue(value);
  }

  /** The value followed by its ancestors up to and including the total. */
  public List<String> selfAndAncestors(String value) {
    List<String> out = new ArrayList<>();
    for (String v = value; v != null; v = parent(v)) {
      out.add(v);
    }
    return out;
  }

  /** Map of each aggregate value present in {@code values} to its children present in {@code values}. */
  Map<String, List<String>> childrenAmong(Iterable<String> values) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String v : values) {
      String p = parent(v);
      if (p != null) {
        out.computeIfAbsent(p, k -> new ArrayList<>()).add(v);
      }
    }
    return out;
  }
}
