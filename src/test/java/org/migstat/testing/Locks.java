package org.migstat.testing;

/**
 * Names of the resources test classes lock when classes run concurrently (junit-platform.properties):
 * {@code @ResourceLock(Locks.SPARK_CATALOG)} on a class that registers, drops or queries {@code layer.table}
 * names in the JVM's one session catalog. A class waiting for a lock does not hold its thread: JUnit runs
 * another class meanwhile.
 */
public final class Locks {
  public static final String SPARK_CATALOG = "spark-catalog";
  /**
   * Held by the classes that use {@link SampleLakehouse}: one at a time, so that while the first builds it (several
   * minutes) the other thread runs classes that do not need it instead of waiting on the build.
   */
  public static final String SAMPLES = "samples-lakehouse";

  private Locks() {}
}
