package org.migstat.generate;

import java.util.Locale;

/**
 * How clerks type a document. Both registries identify a person by document type, issuing country
 * and number; normalised (PASSPORT for P/Passport, country to alpha-3, number upper-case without
 * spaces and '-') every spelling below of one document gives the same key.
 */
final class Documents {
  private Documents() {}

  static String type(Rng r, Person p) {
    if (!p.docType().equals("PASSPORT")) {
      return p.docType();
    }
    double u = r.unit();
    return u < 0.88 ? "PASSPORT" : u < 0.94 ? "P" : "Passport";
  }

  static String number(Rng r, Person p) {
    String n = p.docNumber();
    int letters = p.nat().docPrefix.length() + 1;
    double u = r.unit();
    if (u < 0.92) {
      return n;
    }
    if (u < 0.94) {
      return n.toLowerCase(Locale.ROOT);
    }
    if (u < 0.96) {
      return n.substring(0, letters) + " " + n.substring(letters);
    }
    if (u < 0.98) {
      return n.substring(0, letters) + "-" + n.substring(letters);
    }
    return n + " ";
  }

  /**
   * A number with one digit dropped. Real numbers all have seven digits after the letters, so a
   * mistyped one can never be another person's number.
   */
  static String mistyped(Rng r, Person p) {
    String n = p.docNumber();
    int i = r.between(p.nat().docPrefix.length() + 1, n.length() - 1);
    return n.substring(0, i) + n.substring(i + 1);
  }
}
