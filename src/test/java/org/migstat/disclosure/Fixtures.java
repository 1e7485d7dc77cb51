package org.migstat.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Small helpers shared by the disclosure tests. */
final class Fixtures {
  private Fixtures() {}

  static Map<String, String> at(String d1, String v1, String d2, String v2) {
    return new java.util.LinkedHashMap<>(Map.of(d1, v1, d2, v2));
  }

  static CellRef ref(String table, String d1, String v1, String d2, String v2) {
    return new CellRef(table, Map.of(d1, v1, d2, v2));
  }

  /** Labels of the suppressed cells of a table, sorted. */
  static Set<String> suppressed(CellTable t) {
    Set<String> out = new TreeSet<>();
    for (Cell c : t.suppressedCells()) {
      out.add(c.label());
    }
    return out;
  }

  /** Labels of the suppressed cells of every table of a release, sorted. */
  static Set<String> suppressed(Release r) {
    Set<String> out = new TreeSet<>();
    for (CellTable t : r.tables()) {
      out.addAll(suppressed(t));
    }
    return out;
  }

  static List<String> labels(List<Finding> findings) {
    List<String> out = new ArrayList<>();
    for (Finding f : findings) {
      out.add(f.label());
    }
    return out;
  }

  /** The same table with exactly the given cells (by label) flagged [c], every other flag cleared. */
  static CellTable withSuppressed(CellTable t, Set<String> labels) {
    return t.withFlags(c -> labels.contains(c.label()) ? Flag.CONFIDENTIAL : null);
  }
}
