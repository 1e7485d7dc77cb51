package org.migstat.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.migstat.generate.SampleGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {
        "Write synthetic extracts like data-samples/ at any scale, deterministically, streaming to disk.",
        "Scale 1 with the default seed reproduces data-samples/ byte for byte."})
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--scale", defaultValue = "1", description = "Scale factor: persons and events x N (default: ${DEFAULT-VALUE}).")
  int scale;

  @Option(names = "--seed", defaultValue = "" + SampleGenerator.DEFAULT_SEED, description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the extracts into.")
  Path out;

  @Option(names = "--verbose", description = "Print stack traces on failure.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (scale < 1) {
      throw new IllegalArgumentException("--scale must be 1 or more");
    }
    long t0 = System.nanoTime();
    var summary = SampleGenerator.generate(scale, seed, out, msg -> System.out.println("  " + msg));
    System.out.printf("Wrote %s in %.1f s%n", summary, (System.nanoTime() - t0) / 1e9);
    return 0;
  }
}
