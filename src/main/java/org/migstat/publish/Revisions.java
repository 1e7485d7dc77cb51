package org.migstat.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Revisions between vintages: a cell published with a value in both this release and the previous one, whose value
 * differs, is flagged {@code [r]} ("revised since the previous release"). A cell hidden in either release is not a
 * revision a reader can see (and its flag already says why it is empty). Pure.
 */
public final class Revisions {
  private Revisions() {}

  /** Values closer than this are equal (percentages are rounded to two decimals before they are published). */
  static final double TOLERANCE = 1e-9;

  /** The rows of the new release, {@code [r]} added where the value differs from {@code previous}'s. */
  public static List<PublishedRow> flag(List<PublishedRow> current, List<PublishedRow> previous) {
    if (previous.isEmpty()) {
      return current;
    }
    Map<PublishedRow.Key, PublishedRow> before = new HashMap<>();
    previous.forEach(r -> before.put(r.key(), r));
    List<PublishedRow> out = new ArrayList<>(current.size());
    for (PublishedRow r : current) {
      PublishedRow p = before.get(r.key());
      out.add(isRevision(p, r) ? r.revised() : r);
    }
    return out;
  }

  static boolean isRevision(PublishedRow before, PublishedRow now) {
    return before != null && before.value() != null && now.value() != null
        && Math.abs(before.value() - now.value()) > TOLERANCE;
  }

  public static long count(List<PublishedRow> rows) {
    return rows.stream().filter(r -> r.flag() != null && r.flag().contains(PublishedRow.REVISED)).count();
  }

  /** One line of a revision triangle: a cell and its row in each vintage that published it (by release id). */
  public record Vintages(PublishedRow.Key key, Map<String, PublishedRow> byRelease) {}

  /**
   * The revision triangle of an indicator: for every cell revised at least once between consecutive vintages, its row
   * in each release (releases in the order given, oldest first). Cells never revised are left out.
   */
  public static List<Vintages> triangle(List<String> releaseIds, List<PublishedRow> rows) {
    Map<PublishedRow.Key, Map<String, PublishedRow>> byKey = new java.util.LinkedHashMap<>();
    for (PublishedRow r : rows) {
      byKey.computeIfAbsent(r.key(), k -> new HashMap<>()).put(r.releaseId(), r);
    }
    List<Vintages> out = new ArrayList<>();
    for (Map.Entry<PublishedRow.Key, Map<String, PublishedRow>> e : byKey.entrySet()) {
      PublishedRow before = null;
      boolean revised = false;
      for (String id : releaseIds) {
        PublishedRow now = e.getValue().get(id);
        if (now == null) {
          continue;
        }
        revised |= isRevision(before, now);
        before = now;
      }
      if (revised) {
        Map<String, PublishedRow> ordered = new java.util.LinkedHashMap<>();
        releaseIds.forEach(id -> {
          if (e.getValue().containsKey(id)) {
            ordered.put(id, e.getValue().get(id));
          }
        });
        out.add(new Vintages(e.getKey(), ordered));
      }
    }
    out.sort(java.util.Comparator.comparing((Vintages v) -> v.key().timePeriod())
        .thenComparing(v -> String.join("|", v.key().coords())).thenComparing(v -> v.key().measure()));
    return out;
  }
}
