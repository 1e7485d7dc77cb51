package org.migstat.notebook;

/**
 * A notebook cell failed. The message is the one sentence a user reads
 * ("cell 7 of monthly_report failed: ..."); the executed notebook and its HTML rendering, with the
 * error in the failing cell, are written before this is thrown.
 */
public final class NotebookFailure extends IllegalStateException {
  private final int cell;
  private final transient NotebookRunner.Report report;

  NotebookFailure(String notebook, int cell, String reason, NotebookRunner.Report report, Throwable cause) {
    super("cell " + cell + " of " + notebook + " failed: " + reason, cause);
    this.cell = cell;
    this.report = report;
  }

  /** 1-based position of the failing cell in the notebook as written (markdown cells included). */
  public int cell() {
    return cell;
  }

  /** What was written: the executed notebook and HTML up to the failing cell. */
  public NotebookRunner.Report report() {
    return report;
  }
}
