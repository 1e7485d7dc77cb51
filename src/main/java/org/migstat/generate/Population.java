package org.migstat.generate;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Everyone the generator makes, as groups of a fixed size per scale: the Indonesian cells, the
 * other nationalities (already there at the initial load, or arriving later) and the junk rows.
 * Person index = group start + position in the group; it seeds the person's random stream.
 */
final class Population {

  enum Kind { INDONESIAN, OTHER_INITIAL, OTHER_ARRIVAL, JUNK_RESIDENT, JUNK_PERMIT }

  /** Persons of the other nationalities made per person resident at a time (turnover). */
  static final double OTHER_TURNOVER = 1.04;
  static final double OTHER_INITIAL_SHARE = 0.93;
  static final int JUNK_RESIDENTS_PER_SCALE = 160;
  static final int JUNK_PERMITS_PER_SCALE = 160;

  record Group(Kind kind, Nationality nat, Cell cell, long size, long start, Curve curve, LocalDate from, LocalDate to) {
    LocalDate registration(long k) {
      return curve.date(from, to, k, size);
    }
  }

  /** What the visitor gets for each person: serial = position in registration order. */
  interface Visitor {
    void visit(long serial, Group group, long personIndex, LocalDate registered) throws IOException;
  }

  final List<Group> groups = new ArrayList<>();
  final long total;

  Population(int scale) {
    long start = 0;
    for (Cell c : Cell.values()) {
      start = add(Kind.INDONESIAN, Nationality.IDN, c, (long) c.perScale * scale, start, c.curve, c.from, c.to);
    }
    LocalDate arrivalsFrom = Span.INITIAL_LOAD.plusDays(1);
    for (Nationality n : Nationality.values()) {
      if (n == Nationality.IDN) {
        continue;
      }
      long ever = Math.round(n.stock * OTHER_TURNOVER);
      long initial = Math.round(ever * OTHER_INITIAL_SHARE);
      start = add(Kind.OTHER_INITIAL, n, null, initial * scale, start, Curve.INITIAL_LOAD, null, null);
      start = add(Kind.OTHER_ARRIVAL, n, null, (ever - initial) * scale, start, Curve.UNIFORM, arrivalsFrom, Span.END);
    }
    start = add(Kind.JUNK_RESIDENT, Nationality.IDN, null, (long) JUNK_RESIDENTS_PER_SCALE * scale, start,
        Curve.UNIFORM, arrivalsFrom, Span.END);
    start = add(Kind.JUNK_PERMIT, Nationality.IDN, null, (long) JUNK_PERMITS_PER_SCALE * scale, start,
        Curve.UNIFORM, Span.START, Span.END);
    if (start > Ids.MAX_PERSONS) {
      throw new IllegalArgumentException("scale " + scale + " is too large for the identifier spaces");
    }
    this.total = start;
  }

  /**
   * Visits every person once, in order of registration date — the order a registry numbers its
   * records in. A k-way merge of the groups (each already in date order); ties go to the earlier
   * group, then the earlier member, so the order is fully determined.
   */
  void forEachInRegistrationOrder(Visitor visitor) throws IOException {
    record Cursor(int group, long k, long day) {}
    PriorityQueue<Cursor> queue = new PriorityQueue<>((a, b) -> a.day != b.day
        ? Long.compare(a.day, b.day)
        : a.group != b.group ? Integer.compare(a.group, b.group) : Long.compare(a.k, b.k));
    for (int g = 0; g < groups.size(); g++) {
      if (groups.get(g).size > 0) {
        queue.add(new Cursor(g, 0, groups.get(g).registration(0).toEpochDay()));
      }
    }
    long serial = 0;
    while (!queue.isEmpty()) {
      Cursor c = queue.poll();
      Group g = groups.get(c.group);
      visitor.visit(serial++, g, g.start + c.k, LocalDate.ofEpochDay(c.day));
      if (c.k + 1 < g.size) {
        queue.add(new Cursor(c.group, c.k + 1, g.registration(c.k + 1).toEpochDay()));
      }
    }
  }

  private long add(Kind kind, Nationality nat, Cell cell, long size, long start, Curve curve, LocalDate from,
      LocalDate to) {
    groups.add(new Group(kind, nat, cell, size, start, curve, from, to));
    return start + size;
  }
}
