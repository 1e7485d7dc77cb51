package org.migstat.disclosure;

import java.util.List;

/**
 * The outcome of {@link Suppressor#suppress}: the release as it may be published (suppressed cells
 * flagged {@code [c]}, ratios re-evaluated), one audit entry per suppressed cell, and the findings the
 * engine could not resolve. Publish only when {@code unresolved} is empty.
 */
public record Suppression(Release published, List<AuditEntry> audit, List<Finding> unresolved) {
  public Suppression {
    audit = List.copyOf(audit);
    unresolved = List.copyOf(unresolved);
  }

  public boolean safe() {
    return unresolved.isEmpty();
  }
}
