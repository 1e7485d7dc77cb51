package org.migstat.generate;

/**
 * Identifiers. Registry numbers follow registration order (serials); document numbers are a
 * bijective scramble of the person index, so they look random yet can never collide — a collision
 * would silently merge two persons and break the exact calibration.
 */
final class Ids {
  private Ids() {}

  /** Record slots per person: the main record, a duplicate entered in error, an earlier stay. */
  static final int RECORD_SLOTS = 4;
  static final int SLOT_MAIN = 0;
  static final int SLOT_DUPLICATE = 1;
  static final int SLOT_EARLIER_STAY = 2;
  /** At most this many permits per person; the serial space is reserved for them. */
  static final int PERMIT_SLOTS = 16;

  private static final long DOC_SPACE = 100_000_000L;
  /** Coprime with 10^8, so x -> x * A + B (mod 10^8) is a bijection. */
  private static final long DOC_A = 43_046_721L;
  private static final long DOC_B = 12_345_679L;

  /** The largest population the id spaces hold without collisions. */
  static final long MAX_PERSONS = DOC_SPACE;

  static String recordId(long serial, int slot) {
    return "KH-R-" + pad(1_000_000L + serial * RECORD_SLOTS + slot, 9);
  }

  static String permitNo(int issueYear, long serial, int index) {
    return "WP-" + issueYear + "-" + pad(serial * PERMIT_SLOTS + index, 9);
  }

  /** A unique number below 10^8 for each person index. */
  static long docSerial(long personIndex) {
    return Math.floorMod(personIndex * DOC_A + DOC_B, DOC_SPACE);
  }

  static String pad(long value, int width) {
    String s = Long.toString(value);
    if (s.length() >= width) {
      return s;
    }
    return "0".repeat(width - s.length()) + s;
  }
}
