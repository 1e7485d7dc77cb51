package org.migstat.disclosure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One suppressed cell and why, for {@code ops.disclosure_audit}. Holds the true count: restrict access
 * to the audit table like the detail data.
 *
 * @param release     release id
 * @param tableId     table id
 * @param coordinates the cell's coordinates
 * @param value       the true count
 * @param rule        {@code primary:threshold<n}, {@code primary:manual} (flagged [c] on input) or
 *                    {@code secondary}
 * @param protects    for a secondary suppression, the cells it protects (labels like
 *                    {@code table{dim=value, ...}}); empty for a primary one
 */
public record AuditEntry(String release, String tableId, Map<String, String> coordinates, long value, String rule,
    List<String> protects) {
  public AuditEntry {
    coordinates = Collections.unmodifiableMap(new LinkedHashMap<>(coordinates));
    protects = List.copyOf(protects);
  }

  public boolean primary() {
    return rule.startsWith("primary");
  }
}
