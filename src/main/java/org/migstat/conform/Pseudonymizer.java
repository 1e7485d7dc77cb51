package org.migstat.conform;

import static org.apache.spark.sql.functions.*;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.migstat.ingest.IngestException;

/**
 * Keyed pseudonyms: HMAC-SHA256 over the normalised {@code document_type|issuing_country|document_number}
 * (disclosure.md). The key lives only inside the UDF closure: never in a SQL literal (plans are logged)
 * and never printed. {@link #toString()} shows the key version only.
 */
public final class Pseudonymizer implements Serializable {
  public static final String ENV_KEY = "MIGSTAT_PSEUDONYM_KEY";
  public static final String ENV_KEY_FILE = "MIGSTAT_PSEUDONYM_KEY_FILE";
  /** Shipped with the samples and marked as a demo key: pseudonyms made with it protect nothing. */
  public static final String DEMO_KEY_FILE = "DEMO-pseudonym-key.txt";

  private final String keyVersion;
  private final byte[] key;

  private Pseudonymizer(String keyVersion, byte[] key) {
    if (key.length < 16) {
      throw new IngestException("the pseudonymisation key is too short: use at least 16 bytes");
    }
    this.keyVersion = keyVersion;
    this.key = key.clone();
  }

  /** Key file format: one line {@code <key version>:<secret>}; blank lines and # comments ignored. */
  public static Pseudonymizer fromKeyFile(Path file) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          return fromSpec(l, "key file " + file.getFileName());
        }
      }
      throw new IngestException("key file " + file + " holds no key line (expected <version>:<secret>)");
    } catch (IOException e) {
      throw new IngestException("cannot read the pseudonymisation key file " + file + ": " + e.getMessage());
    }
  }

  private static Pseudonymizer fromSpec(String spec, String where) {
    int colon = spec.indexOf(':');
    if (colon <= 0 || colon == spec.length() - 1) {
      throw new IngestException("the pseudonymisation key in " + where + " must look like <version>:<secret>");
    }
    return new Pseudonymizer(spec.substring(0, colon), spec.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Resolves the key: {@value #ENV_KEY} (as {@code version:secret}), then {@value #ENV_KEY_FILE}, then an
   * explicit key file, then the demo key beside the input extracts. Returns which one was used in
   * {@link #keyVersion()}; callers warn when it is the demo key.
   */
  public static Pseudonymizer resolve(Path explicitKeyFile, Path inputDir) {
    String env = System.getenv(ENV_KEY);
    if (env != null && !env.isBlank()) {
      return fromSpec(env.strip(), "environment variable " + ENV_KEY);
    }
    String envFile = System.getenv(ENV_KEY_FILE);
    if (envFile != null && !envFile.isBlank()) {
      return fromKeyFile(Path.of(envFile));
    }
    if (explicitKeyFile != null) {
      return fromKeyFile(explicitKeyFile);
    }
    if (inputDir != null && Files.isRegularFile(inputDir.resolve(DEMO_KEY_FILE))) {
      return fromKeyFile(inputDir.resolve(DEMO_KEY_FILE));
    }
    throw new IngestException("no pseudonymisation key: set " + ENV_KEY + " or " + ENV_KEY_FILE
        + ", or pass --key-file");
  }

  public String keyVersion() {
    return keyVersion;
  }

  public boolean isDemoKey() {
    return keyVersion.toLowerCase().startsWith("demo");
  }

  public String pseudonym(String normalisedDocument) {
    Mac mac = mac();
    return HexFormat.of().formatHex(mac.doFinal(normalisedDocument.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * One initialised Mac per thread (a Mac is not thread-safe; looking one up and initialising it per record
   * cost more than the hash). doFinal resets it for the next record. Transient: rebuilt after deserialisation.
   */
  private transient volatile ThreadLocal<Mac> macs;

  private Mac mac() {
    if (macs == null) {
      macs = ThreadLocal.withInitial(() -> {
        try {
          Mac mac = Mac.getInstance("HmacSHA256");
          mac.init(new SecretKeySpec(key, "HmacSHA256"));
          return mac;
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
      });
    }
    return macs.get();
  }

  /** A column holding the pseudonym of a normalised document string (NULL stays NULL). */
  public Column pseudonymOf(Column normalisedDocument) {
    UDF1<String, String> f = s -> s == null ? null : pseudonym(s);
    UserDefinedFunction udf = udf(f, DataTypes.StringType).withName("hmac_sha256_pseudonym");
    return udf.apply(normalisedDocument);
  }

  /**
   * The normalised document key: {@code TYPE|ISO3|NUMBER}, upper case, the number normalised by
   * {@link Identifiers#documentNumber(String)} (NFKC; spaces, dashes and invisible characters removed); NULL when
   * any part is missing or the number is a placeholder (such a person cannot be identified).
   */
  public static Column documentKey(Column docType, Column issuingIso3, Column docNumber) {
    Column number = Identifiers.documentNumber(docNumber);
    Column type = upper(trim(docType));
    Column normType = when(type.isin("P", "PASSPORT", "PASPOR", "PP"), lit("PASSPORT"))
        .when(type.isin("TRAVEL_DOC", "TRAVEL DOCUMENT", "TD"), lit("TRAVEL_DOC"))
        .otherwise(regexp_replace(type, "\\s+", "_"));
    return when(number.isNull().or(number.equalTo("")).or(issuingIso3.isNull()).or(type.isNull()).or(type.equalTo("")),
        lit(null).cast("string"))
        .otherwise(concat_ws("|", normType, issuingIso3, number));
  }

  @Override
  public String toString() {
    return "Pseudonymizer[keyVersion=" + keyVersion + "]";
  }
}
