package org.migstat.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tables from detail cells (margins computed) or as given (margins checked), and their relations. */
class CellTableTest {
  static final Hierarchy MONTHS = Hierarchy.withParents(Map.of(
      "2023-12", "2023", "2024-01", "2024", "2024-02", "2024"));

  static TableSpec monthBySex() {
    return TableSpec.builder("cases_by_month_sex", Policy.protection())
        .dimension("month", MONTHS).dimension("sex").build();
  }

  @Test
  void detailCellsGetEveryMarginThroughTheHierarchyAndZerosFillTheGrid() {
    CellTable t = CellTable.builder(monthBySex())
        .add(4, "2023-12", "F").add(6, "2023-12", "M")
        .add(10, "2024-01", "F").add(20, "2024-02", "M")
        .detail();
    // 3 months + 2 years + _T, times F, M, _T
    assertEquals(18, t.cells().size());
    assertEquals(0, t.cell("2024-01", "M").value(), "absent combinations are published zeros");
    assertEquals(10, t.cell("2024", "F").value());
    assertEquals(30, t.cell("2024", "_T").value());
    assertEquals(10, t.cell("2023", "_T").value());
    assertEquals(40, t.cell("_T", "_T").value());
    assertTrue(t.isTotal(t.cell("2024", "F")));
    assertFalse(t.isTotal(t.cell("2024-01", "F")));
    assertTrue(t.isGrandTotal(t.cell("_T", "_T")));

    CellRef femalesIn2024 = new CellRef(t.id(), Map.of("month", "2024", "sex", "F"));
    Relation year2024 = t.relations().stream().filter(r -> r.total().equals(femalesIn2024)).findFirst().orElseThrow();
    assertEquals(List.of("2024-01", "2024-02"),
        year2024.parts().stream().map(p -> p.coordinates().get("month")).toList());
    assertTrue(t.relations().stream().anyMatch(r -> r.total().coordinates().get("month").equals("_T")
        && r.dimension().equals("month") && r.parts().size() == 2), "the total adds up the two years");
    for (Relation r : t.relations()) {
      long sum = r.parts().stream().mapToLong(p -> t.cell(p).value()).sum();
      assertEquals(t.cell(r.total()).value(), sum, r.toString());
    }
  }

  @Test
  void asGivenTablesMustAddUp() {
    TableSpec spec = TableSpec.builder("t", Policy.protection()).dimension("sex").build();
    CellTable ok = CellTable.builder(spec).add(3, "F").add(4, "M").add(7, "_T").asGiven();
    assertEquals(1, ok.relations().size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CellTable.builder(spec).add(3, "F").add(4, "M").add(8, "_T").asGiven());
    assertTrue(e.getMessage().contains("does not add up"), e.getMessage());
  }

  @Test
  void multiValuedDimensionsCountDistinctPersons() {
    TableSpec spec = TableSpec.builder("victims_by_exploitation", Policy.protection())
        .dimension("exploitation", Hierarchy.flat().asMultiValued()).build();
    // 30 victims, some in both forms
    CellTable t = CellTable.builder(spec).add(20, "labour").add(15, "sexual").add(30, "_T").asGiven();
    assertEquals(Relation.Kind.COVER, t.relations().get(0).kind());
    assertThrows(IllegalArgumentException.class,
        () -> CellTable.builder(spec).add(20, "labour").add(15, "sexual").add(36, "_T").asGiven());
    assertThrows(IllegalArgumentException.class, () -> CellTable.builder(spec).add(20, "labour").detail());
  }

  @Test
  void detailCellsMayNotCarryTotalsOrRepeat() {
    assertThrows(IllegalArgumentException.class,
        () -> CellTable.builder(monthBySex()).add(4, "2024", "F").detail());
    assertThrows(IllegalArgumentException.class,
        () -> CellTable.builder(monthBySex()).add(4, "2024-01", "F").add(5, "2024-01", "F").detail());
  }

  @Test
  void declaredCodesArePublishedEvenWhenAbsent() {
    TableSpec spec = TableSpec.builder("t", Policy.protection())
        .dimension("sex", Hierarchy.flat().withCodes(List.of("F", "M", "X"))).build();
    CellTable t = CellTable.builder(spec).add(12, "F").detail();
    assertEquals(List.of("F", "M", "X", "_T"), t.cells().stream().map(c -> c.coordinates().get("sex")).toList());
    assertThrows(IllegalArgumentException.class, () -> CellTable.builder(spec).add(1, "U").detail());
  }

  @Test
  void dimensionsWithoutTotalHaveNoRelationAlongThem() {
    TableSpec spec = TableSpec.builder("stock", Policy.residence())
        .dimension("ref_date", Hierarchy.noTotal()).dimension("sex").build();
    CellTable t = CellTable.builder(spec).add(5, "2024-03-31", "F").add(7, "2024-06-30", "F").detail();
    assertEquals(4, t.cells().size(), "two dates, F and _T, no total over dates");
    assertEquals(2, t.relations().size());
    assertTrue(t.relations().stream().allMatch(r -> r.dimension().equals("sex")));
  }

  @Test
  void flagLegendIsBilingual() {
    assertEquals("[c] confidential (suppressed) / rahasia (disembunyikan)", Flag.CONFIDENTIAL.legendLine());
    assertEquals(7, Flag.legend().size());
    assertEquals(Flag.BREAK_IN_SERIES, Flag.ofCode("[b]"));
    assertEquals(Flag.PROVISIONAL, Flag.ofCode("p"));
  }
}
