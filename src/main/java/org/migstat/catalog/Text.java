package org.migstat.catalog;

/** A text in the two languages of every migstat publication: English and Bahasa Indonesia. */
public record Text(String en, String id) {
  public static Text of(String en, String id) {
    return new Text(en, id);
  }

  public String in(String language) {
    return "id".equals(language) ? id : en;
  }
}
