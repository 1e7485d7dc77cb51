package org.migstat.ingest.glotip;

/** The workbook is not laid out like a GLOTIP export (missing sheet, header row or column). */
public final class GlotipFormatException extends RuntimeException {
  public GlotipFormatException(String message) {
    super(message);
  }
}
