package org.migstat.ingest;

/** A problem with the input a user can act on; its message is the one sentence the CLI prints. */
public class IngestException extends RuntimeException {
  public IngestException(String message) {
    super(message);
  }

  public IngestException(String message, Throwable cause) {
    super(message, cause);
  }
}
