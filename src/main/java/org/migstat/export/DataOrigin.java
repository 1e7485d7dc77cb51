package org.migstat.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;

import java.util.List;
import org.apache.spark.sql.Row;
import org.migstat.catalog.TableDef;
import org.migstat.catalog.Tables;
import org.migstat.catalog.Text;
import org.migstat.lakehouse.Lakehouse;

/**
 * Whether a release was computed from synthetic data (the generator's samples) — then every file of the export
 * says so: the dashboard banner, {@code manifest.json}, the XLSX release sheet and each SDMX-CSV file.
 *
 * <p>Decided from the run ledger: the build-stamp run's {@code synthetic} column in {@code ops.runs} (a run
 * records it when its input carried the generator's marker or it used the demo pseudonymisation key). A ledger
 * written before that column existed falls back to the key: any silver row pseudonymised with the demo key
 * ({@code key_version} starting with {@code demo}) makes the release synthetic. Only that one column of silver is
 * read, and no person.
 *
 * @param synthetic true when the release must be labelled synthetic
 * @param evidence  what decided it, for the manifest (one sentence)
 */
public record DataOrigin(boolean synthetic, String evidence) {

  /** The label every export file carries when {@link #synthetic()}. */
  public static final Text NOTICE = Text.of("Synthetic demonstration data — not official statistics",
      "Data sintetis untuk demonstrasi — bukan statistik resmi");
  /** What the label means, for the dashboard banner. */
  public static final Text NOTICE_DETAIL = Text.of(
      "Every figure on this page was computed from data made up by the migstat generator to demonstrate the "
          + "pipeline. They describe no real person and must not be quoted as statistics.",
      "Semua angka di halaman ini dihitung dari data rekaan generator migstat untuk memperagakan alur pengolahan. "
          + "Angka ini tidak menggambarkan orang sungguhan dan tidak boleh dikutip sebagai statistik.");

  /** The ledger column a run fills in (BOOLEAN; NULL when the run did not know). */
  static final String RUNS_COLUMN = "synthetic";

  static final DataOrigin REAL = new DataOrigin(false, "no synthetic marker recorded by the run and no demo key in use");

  /** Both languages on one line, for files read by people of either language. */
  public static String noticeBothLanguages() {
    return NOTICE.en() + " / " + NOTICE.id();
  }

  /** The origin of the release built from run {@code runId}. */
  static DataOrigin read(Lakehouse lh, String runId) {
    var runs = lh.read(Tables.RUNS);
    if (List.of(runs.columns()).contains(RUNS_COLUMN)) {
      List<Row> r = runs.filter(col("run_id").equalTo(runId)).select(RUNS_COLUMN).collectAsList();
      if (!r.isEmpty() && !r.get(0).isNullAt(0)) {
        boolean s = r.get(0).getBoolean(0);
        return new DataOrigin(s, "ops.runs." + RUNS_COLUMN + " = " + s + " for run " + runId);
      }
    }
    for (TableDef def : silverWithKey()) {
      if (lh.exists(def) && List.of(lh.read(def).columns()).contains("key_version")
          && !lh.read(def).filter(lower(col("key_version")).startsWith("demo")).limit(1).isEmpty()) {
        return new DataOrigin(true, def.qualifiedName() + " was pseudonymised with the demo key shipped with the samples");
      }
    }
    return REAL;
  }

  private static List<TableDef> silverWithKey() {
    return Tables.ALL.stream().filter(t -> t.layer().equals("silver")).toList();
  }
}
