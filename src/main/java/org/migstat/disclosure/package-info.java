/**
 * Disclosure control for published tables (docs: {@code shared/reference/disclosure.md}): cell
 * suppression with an attacker's audit, rounding, flags, linked tables and differencing across releases.
 *
 * <p>Published tables are small aggregates, so the engine runs on the driver in plain Java; {@link
 * org.migstat.disclosure.CellFrames} is the only Spark code. A publish step reads like this:
 *
 * <pre>{@code
 * TableSpec bySex = TableSpec.builder("victims_month_sex", Policy.protection())
 *     .dimension("month", Hierarchy.withParents(monthToYear)).dimension("sex")
 *     .population("trafficking_victims").build();
 * TableSpec byType = TableSpec.builder("victims_month_type", Policy.protection())
 *     .dimension("month", Hierarchy.withParents(monthToYear)).dimension("case_type")
 *     .population("trafficking_victims").build();          // same population: month margins linked
 *
 * Release release = Release.builder("2024-11")
 *     .table(CellFrames.fromDataset(bySex, goldBySex, "persons"))
 *     .table(CellFrames.fromDataset(byType, goldByType, "persons"))
 *     .previous(lastMonthsPublishedRelease, "victims_ytd")   // optional: differencing
 *     .build();
 *
 * Suppression s = Suppressor.suppress(release);
 * if (!s.safe()) throw new IllegalStateException("not publishable: " + s.unresolved());
 * List<Finding> findings = Auditor.audit(s.published());     // independent check; empty = safe
 * Dataset<Row> out = CellFrames.toDataset(spark, s.published().table("victims_month_sex"));
 * Dataset<Row> audit = CellFrames.auditRows(spark, s.audit());   // ops.disclosure_audit
 * }</pre>
 *
 * <p>An audit of what is already out (re-reading the publish tables) builds each table with {@link
 * org.migstat.disclosure.CellTable#asPublished}: published values and flags only, suppressed values
 * unknown.
 *
 * <p>Everything is deterministic: cells, relations and quantities are kept in coordinate order, and the
 * few random objectives the auditor uses are seeded.
 */
package org.migstat.disclosure;
