package org.migstat.notebook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.migstat.pipeline.Progress;
import org.migstat.pipeline.RunConfig;
import org.migstat.pipeline.RunJob;

/**
 * A small lakehouse built by the real pipeline, for the notebook, Spark Connect and cluster tests.
 * The input is written by hand (in the manner of the pipeline tests' MessyExtracts): January and
 * February extracts with the usual mess — a BOM, a quoted multi-line field, a correction, an exact
 * duplicate, an impossible date, an unknown citizenship, a deletion, a truncated last line, a re-sent
 * file, a Windows-1252 file — then March extracts with a first permit, a deregistration and a permit
 * holder who is not a registered resident.
 *
 * <p>{@link #shared(SparkSession)} runs the pipeline twice, once per stage, so ops.runs holds two
 * releases whose Delta versions differ (what reproduce_release time-travels to). Tests read it and
 * never write to it.
 */
public final class LakehouseFixture {
  private LakehouseFixture() {}

  /** The reference date of the notebooks' parameters cells. */
  public static final LocalDate AS_OF = LocalDate.of(2024, 3, 13);
  public static final LocalDate FIRST_AS_OF = LocalDate.of(2024, 2, 29);

  /** The lakehouse and the two runs that built it. */
  public record Built(Path input, String lakehouse, String firstRun, String secondRun) {}

  private static Built shared;
  private static RuntimeException sharedFailure;

  /** Built once per JVM in a temporary folder removed when the JVM exits (a failed build is not retried). */
  public static synchronized Built shared(SparkSession spark) {
    if (sharedFailure != null) {
      throw new IllegalStateException("the shared test lakehouse could not be built: " + sharedFailure.getMessage(),
          sharedFailure);
    }
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("migstat-fixture-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        shared = build(spark, dir);
      } catch (IOException e) {
        sharedFailure = new UncheckedIOException(e);
        throw sharedFailure;
      } catch (RuntimeException e) {
        sharedFailure = e;
        throw e;
      }
    }
    return shared;
  }

  public static Built build(SparkSession spark, Path dir) throws IOException {
    Path input = dir.resolve("input");
    String lakehouse = dir.resolve("lakehouse").toString();
    // No catalog names here: the pipeline writes by path, and the classes that query by name (notebooks, serve)
    // register this lakehouse themselves while holding Locks.SPARK_CATALOG.
    writeJanuaryFebruary(input);
    RunJob.Result first = new RunJob(spark, new RunConfig(FIRST_AS_OF, input.toString(), lakehouse, false, null,
        "test", false), Progress.silent()).run();
    writeMarch(input);
    RunJob.Result second = new RunJob(spark, new RunConfig(AS_OF, input.toString(), lakehouse, false, null,
        "test", false), Progress.silent()).run();
    return new Built(input, lakehouse, first.runId(), second.runId());
  }

  /** Both stages at once: the input of a single run as of {@link #AS_OF}. */
  public static void writeAll(Path input) throws IOException {
    writeJanuaryFebruary(input);
    writeMarch(input);
  }

  static final String HEADER = "record_id,doc_type,doc_number,doc_country,full_name,citizenship,country_of_birth,sex,"
      + "birth_date,province,district,stay_category,registration_date,deregistration_date,record_status,last_updated\n";

  public static void writeJanuaryFebruary(Path input) throws IOException {
    Path res = Files.createDirectories(input.resolve("residents"));
    Path per = Files.createDirectories(input.resolve("permits"));
    Files.writeString(input.resolve("DEMO-pseudonym-key.txt"),
        "# demo key for tests: protects nothing\ndemo-test:0123456789abcdef0123456789abcdef\n");

    gz(res.resolve("residents_2024-01_full.csv.gz"), "\uFEFF" + HEADER
        + "KH-R-1,PASSPORT,B1234567,IDN,Siti Aminah,IDN,IDN,F,01/02/1990,Phnom Penh,\"Sangkat BKK1,\nKhan Chamkarmon\",EB,05/01/2022,,A,05/01/2022 10:00:00\n"
        + "KH-R-2,P,b765-4321 ,ID,Budi Santoso,INDONESIA,IDN,M,15/07/1985,PHNOM PENH  ,Khan Daun Penh,EB,10/03/2023,,A,10/03/2023 09:00:00\n"
        + "KH-R-3,PASSPORT,C1111111,IDN,Dewi Lestari,IDN,,  ,,Preah Sihanouk,Mittapheap,EG,01/06/2023,,A,01/06/2023 08:00:00\n"
        + "KH-R-4,PASSPORT,E5550001,CHN,Wang Wei,CHN,CHN,M,20/11/1980,Phnom Penh,Khan 7 Makara,EB,01/01/2021,,A,01/01/2021 08:00:00\n"
        + "KH-R-9,PASSPORT,D2220001,IDN,Agus Salim,IDN,IDN,M,09/09/1999,Siem Reap,Svay Dangkum,EB,15/01/2024,,A,15/01/2024 08:00:00\n");

    String feb = HEADER
        + "KH-R-1,PASSPORT,B1234567,IDN,Siti Aminah,IDN,IDN,F,01/02/1990,Preah Sihanouk,Mittapheap,EB,05/01/2022,,A,02/02/2024 11:00:00\n"
        + "KH-R-4,PASSPORT,E5550001,CHN,Wang Wei,CHN,CHN,M,20/11/1980,Phnom Penh,Khan 7 Makara,EB,01/01/2021,,A,01/01/2021 08:00:00\n"
        + "KH-R-5,PASSPORT,F9990001,IDN,Rina Wati,IDN,IDN,F,30/02/1995,Phnom Penh,Khan Sen Sok,EB,30/02/2024,,A,03/02/2024 08:00:00\n"
        + "KH-R-6,PASSPORT,X0000001,XXA,Nobody Known,ZZZ,,M,01/01/1990,Phnom Penh,Khan Sen Sok,EB,01/02/2024,,A,03/02/2024 08:00:00\n"
        + "KH-R-3,PASSPORT,C1111111,IDN,Dewi Lestari,IDN,,,,Preah Sihanouk,Mittapheap,EG,01/06/2023,,D,04/02/2024 08:00:00\n"
        + "KH-R-7,PASSPORT,K4444444,IDN,Trunc";
    gz(res.resolve("residents_2024-02_delta.csv.gz"), feb, StandardCharsets.UTF_8);
    Files.copy(res.resolve("residents_2024-02_delta.csv.gz"), res.resolve("residents_2024-02_delta_resend.csv.gz"));

    gz(per.resolve("permits_2024-01.jsonl.gz"), String.join("\n",
        permit("WP-1", "PASSPORT", "B1234567", "IDN", "EMPLOYMENT", "2023-06-01", "2024-05-31", "ISSUED", null, "2023-06-01T09:00:00"),
        permit("WP-2", "P", "B7654321", "IDN", "EMPLOYMENT", "2023-03-10", "2024-03-09", "ISSUED", null, "2023-03-10T09:00:00"),
        permit("WP-3", "PASSPORT", "E5550001", "CHN", "EMPLOYMENT", "2023-01-01", "2024-12-31", "ISSUED", null, "2023-01-01T09:00:00"),
        permit("WP-4", "PASSPORT", "B7654321", "IDN", "EMPLOYMENT", "2024-01-10", "2024-01-05", "ISSUED", null, "2024-01-10T09:00:00"))
        + "\n", StandardCharsets.UTF_8);
    gz(per.resolve("permits_2024-02.jsonl.gz"), String.join("\n",
        permit("WP-5", "PASSPORT", "B7654321", "IDN", "EMPLOYMENT", "2024-03-10", "2025-03-09", "RENEWED", null, "2024-02-20T09:00:00"),
        permit("WP-3", "PASSPORT", "E5550001", "CHN", "EMPLOYMENT", "2023-01-01", "2024-12-31", "REVOKED", "2024-02-15", "2024-02-15T09:00:00"),
        permit("WP-6", "PASSPORT", "C1111111", "IDN", "NOT_A_TYPE", "2024-02-01", "2025-01-31", "ISSUED", null, "2024-02-01T09:00:00"),
        "{\"permit_no\":\"WP-7\",\"holder_doc_type\":\"PASSPORT\",\"holder_doc_num"), StandardCharsets.UTF_8);
  }

  public static void writeMarch(Path input) throws IOException {
    Path res = Files.createDirectories(input.resolve("residents"));
    Path per = Files.createDirectories(input.resolve("permits"));
    gz(res.resolve("residents_2024-03_delta.csv.gz"), HEADER
        + "KH-R-10,PASSPORT,G3330001,IDN,Putri Ayu,IDN,IDN,F,12/12/2001,Phnom Penh,Khan Sen Sok,EB,02/03/2024,,A,02/03/2024 08:00:00\n"
        + "KH-R-2,P,b765-4321 ,ID,Budi Santoso,INDONESIA,IDN,M,15/07/1985,PHNOM PENH  ,Khan Daun Penh,EB,10/03/2023,05/03/2024,A,05/03/2024 09:00:00\n",
        StandardCharsets.UTF_8);
    // A Windows-1252 file (plain, not gzipped): a French resident named José.
    Files.write(res.resolve("residents_2024-03_delta_b.csv"), (HEADER
        + "KH-R-8,PASSPORT,FR123456,FRA,José Hélène,FRA,FRA,M,02/03/1970,Siem Reap,Svay Dangkum,ER,01/03/2024,,A,01/03/2024 08:00:00\n")
        .getBytes(Charset.forName("windows-1252")));
    gz(per.resolve("permits_2024-03.jsonl.gz"), String.join("\n",
        // KH-R-9's first permit.
        permit("WP-8", "PASSPORT", "D2220001", "IDN", "EMPLOYMENT", "2024-03-04", "2025-03-03", "ISSUED", null, "2024-03-04T09:00:00"),
        // Two months of validity: out of scope (Eurostat: at least 3 months).
        permit("WP-9", "PASSPORT", "G3330001", "IDN", "EMPLOYMENT", "2024-03-11", "2024-05-10", "ISSUED", null, "2024-03-11T09:00:00"),
        // A permit holder who is not a registered resident.
        permit("WP-10", "PASSPORT", "H4440001", "IDN", "EMPLOYMENT", "2024-03-01", "2025-02-28", "ISSUED", null, "2024-03-01T09:00:00"))
        + "\n", StandardCharsets.UTF_8);
  }

  static String permit(String no, String docType, String doc, String country, String type, String from, String to,
                       String status, String statusDate, String updated) {
    return String.format("{\"permit_no\":\"%s\",\"holder_doc_type\":\"%s\",\"holder_doc_number\":\"%s\","
            + "\"holder_doc_country\":\"%s\",\"holder_name\":\"Someone\",\"employer\":\"PT Example\",\"sector_isic\":\"47\","
            + "\"occupation\":\"Clerk\",\"permit_type\":\"%s\",\"issue_date\":\"%s\",\"valid_from\":\"%s\",\"valid_to\":\"%s\","
            + "\"status\":\"%s\",\"status_date\":%s,\"last_updated\":\"%s\"}",
        no, docType, doc, country, type, from, from, to, status, statusDate == null ? "null" : "\"" + statusDate + "\"",
        updated);
  }

  private static void gz(Path p, String text, Charset cs) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(text.getBytes(cs));
    }
  }

  private static void gz(Path p, String text) throws IOException {
    gz(p, text, StandardCharsets.UTF_8);
  }

  /** Copies a folder tree (a lakehouse) so a test can add tables without touching the shared one. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort at JVM exit
    }
  }
}
