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
}
