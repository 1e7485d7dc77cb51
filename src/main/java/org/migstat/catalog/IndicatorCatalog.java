package org.migstat.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.migstat.indicators.Definitions;

/**
 * The fixed catalogue of published indicators: the one place every stage, the CLI, the dashboard and
 * the notebooks read titles, definitions, breakdowns and caveats from. Only what is declared here is
 * published, and dashboards filter only along these dimensions.
 */
public final class IndicatorCatalog {
  private IndicatorCatalog() {}

  // ---- dimensions -------------------------------------------------------------------------------
  public static final Map<String, Dimension> DIMENSIONS = new LinkedHashMap<>();

  private static Dimension dim(String name, Text label, Map<String, Text> codes, String labelsFrom) {
    Dimension d = new Dimension(name, label, codes, labelsFrom);
    DIMENSIONS.put(name, d);
    return d;
  }

  static {
    dim("citizenship", Text.of("Citizenship", "Kewarganegaraan"), Map.of(), "citizenship.csv");
    dim("province", Text.of("Province of residence", "Provinsi tempat tinggal"), Map.of(), "province.csv");
    dim("sex", Text.of("Sex", "Jenis kelamin"), ordered(
        "M", Text.of("Male", "Laki-laki"), "F", Text.of("Female", "Perempuan"),
        "U", Text.of("Not recorded", "Tidak tercatat")), null);
    dim("age_group", Text.of("Age group", "Kelompok umur"), ordered(
        "0-14", Text.of("0-14 years", "0-14 tahun"), "15-24", Text.of("15-24 years", "15-24 tahun"),
        "25-34", Text.of("25-34 years", "25-34 tahun"), "35-44", Text.of("35-44 years", "35-44 tahun"),
        "45-54", Text.of("45-54 years", "45-54 tahun"), "55-64", Text.of("55-64 years", "55-64 tahun"),
        "65+", Text.of("65 years and over", "65 tahun ke atas"), "unknown", Text.of("Not recorded", "Tidak tercatat")),
        null);
    dim("sector", Text.of("Economic sector (ISIC Rev.4)", "Sektor ekonomi (ISIC Rev.4)"), Map.of(), "isic_section.csv");
    dim("validity_class", Text.of("Length of validity", "Masa berlaku"), ordered(
        "3-5m", Text.of("3 to 5 months", "3 sampai 5 bulan"), "6-11m", Text.of("6 to 11 months", "6 sampai 11 bulan"),
        "12m+", Text.of("12 months or more", "12 bulan atau lebih")), null);
    dim("reason", Text.of("Reason for the permit", "Alasan izin"), ordered(
        "Employment", Text.of("Remunerated activities", "Kegiatan berbayar (bekerja)"),
        "Family", Text.of("Family reasons", "Alasan keluarga"),
        "Education", Text.of("Education reasons", "Alasan pendidikan"),
        "Other", Text.of("Other reasons", "Alasan lain")), null);
  }

  @SafeVarargs
  private static Map<String, Text> ordered(Object... pairs) {
    Map<String, Text> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Text) pairs[i + 1]);
    }
    return m;
  }

  // ---- indicators -------------------------------------------------------------------------------
  static final Text REGISTRY_CAVEAT = Text.of(
      "Host-country registry figures: persons registered on the date, whatever their legal status; they differ from the embassy's own registrations by definition.",
      "Angka registrasi negara tuan rumah: orang yang terdaftar pada tanggal tersebut; berbeda dengan registrasi kedutaan karena definisinya berbeda.");
  static final Text PERMIT_CAVEAT = Text.of(
      "A person with several valid permits counts once. Permits valid for less than 3 months are not residence permits (Eurostat).",
      "Satu orang dengan beberapa izin yang berlaku dihitung sekali. Izin berlaku kurang dari 3 bulan bukan izin tinggal (Eurostat).");
  static final Text GAP_CAVEAT = Text.of(
      "The documentation gap is an estimate from linked registers, not a count of irregular migrants.",
      "Kesenjangan dokumen adalah estimasi dari register yang ditautkan, bukan jumlah migran ilegal.");

  public static final List<Indicator> INDICATORS = List.of(
      new Indicator("residents_by_citizenship",
          Text.of("Foreign residents by citizenship", "Penduduk asing menurut kewarganegaraan"),
          Text.of("Persons registered as residents in the host-country registry on the reference date.",
              "Orang yang terdaftar sebagai penduduk dalam register negara tuan rumah pada tanggal referensi."),
          Indicator.Kind.STOCK, "persons", "reference date x citizenship",
          List.of("citizenship"), List.of("persons"), "residence", List.of("gold.residents_stock"),
          Definitions.VERSION, List.of(REGISTRY_CAVEAT)),
      new Indicator("residents_by_province",
          Text.of("Foreign residents by province", "Penduduk asing menurut provinsi"),
          Text.of("Persons registered as residents on the reference date, by province of residence.",
              "Orang yang terdaftar sebagai penduduk pada tanggal referensi, menurut provinsi tempat tinggal."),
          Indicator.Kind.STOCK, "persons", "reference date x citizenship x province",
          List.of("citizenship", "province"), List.of("persons"), "residence", List.of("gold.residents_stock"),
          Definitions.VERSION, List.of(REGISTRY_CAVEAT)),
      new Indicator("residents_by_sex_age",
          Text.of("Foreign residents by sex and age", "Penduduk asing menurut jenis kelamin dan umur"),
          Text.of("Persons registered as residents on the reference date, by sex and age on that date.",
              "Orang yang terdaftar sebagai penduduk pada tanggal referensi, menurut jenis kelamin dan umur pada tanggal itu."),
          Indicator.Kind.STOCK, "persons", "reference date x citizenship x sex x age group",
          List.of("citizenship", "sex", "age_group"), List.of("persons"), "residence", List.of("gold.residents_stock"),
          Definitions.VERSION, List.of(REGISTRY_CAVEAT)),
      new Indicator("permit_holders_by_sector",
          Text.of("Work-permit holders by sector", "Pemegang izin kerja menurut sektor"),
          Text.of("Persons holding a valid work permit on the reference date, by economic sector of the permit.",
              "Orang yang memegang izin kerja yang berlaku pada tanggal referensi, menurut sektor ekonomi izin."),
          Indicator.Kind.STOCK, "persons", "reference date x citizenship x sector",
          List.of("citizenship", "sector"), List.of("persons"), "residence", List.of("gold.permit_holders_stock"),
          Definitions.VERSION, List.of(PERMIT_CAVEAT)),
      new Indicator("permit_holders_by_validity",
          Text.of("Work-permit holders by length of validity", "Pemegang izin kerja menurut masa berlaku"),
          Text.of("Persons holding a valid work permit on the reference date, by the permit's length of validity.",
              "Orang yang memegang izin kerja yang berlaku pada tanggal referensi, menurut masa berlaku izin."),
          Indicator.Kind.STOCK, "persons", "reference date x citizenship x length of validity",
          List.of("citizenship", "validity_class"), List.of("persons"), "residence",
          List.of("gold.permit_holders_stock"), Definitions.VERSION, List.of(PERMIT_CAVEAT)),
      new Indicator("permit_coverage",
          Text.of("Work-permit coverage of residents", "Cakupan izin kerja di antara penduduk"),
          Text.of("Residents, residents holding a valid work permit, their share (coverage) and residents without one (documentation gap).",
              "Penduduk, penduduk yang memegang izin kerja yang berlaku, persentasenya (cakupan) dan penduduk tanpa izin (kesenjangan dokumen)."),
          Indicator.Kind.STOCK, "persons; percent", "reference date x citizenship",
          List.of("citizenship"), List.of("residents", "permit_holders", "permit_holders_resident", "coverage_pct",
              "documentation_gap"), "residence", List.of("gold.permit_coverage"), Definitions.VERSION,
          List.of(PERMIT_CAVEAT, GAP_CAVEAT)),
      new Indicator("first_permits",
          Text.of("First work permits issued", "Izin kerja pertama yang diterbitkan"),
          Text.of("Persons who received a first permit in the month: a first permit ever, or one starting at least 6 months after the previous permit expired.",
              "Orang yang menerima izin pertama dalam bulan tersebut: izin pertama kali, atau izin yang dimulai minimal 6 bulan setelah izin sebelumnya berakhir."),
          Indicator.Kind.FLOW, "persons", "month x citizenship x reason x length of validity",
          List.of("citizenship", "reason", "validity_class"), List.of("persons"), "residence",
          List.of("gold.first_permits"), Definitions.VERSION, List.of(PERMIT_CAVEAT)));

  public static Optional<Indicator> find(String id) {
    return INDICATORS.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /** Columns every publish table has around its own dimension columns (long format, one row per cell and measure). */
  public static String publishDdl(Indicator ind) {
    StringBuilder ddl = new StringBuilder(
        "indicator STRING COMMENT 'indicator id in the catalogue', "
            + "time_period STRING COMMENT 'reference date (stocks, yyyy-MM-dd) or period (flows, yyyy-MM or yyyy-MM-dd..yyyy-MM-dd)', "
            + "period_start DATE COMMENT 'first day of the period; the reference date for stocks', "
            + "period_end DATE COMMENT 'last day of the period; the reference date for stocks', ");
    for (String d : ind.dimensions()) {
      ddl.append(d).append(" STRING COMMENT '").append(DIMENSIONS.get(d).label().en()).append("; _T = total', ");
    }
    ddl.append("measure STRING COMMENT 'what value counts', "
        + "value DOUBLE COMMENT 'the published value; NULL when suppressed or not available', "
        + "flag STRING COMMENT '[c] confidential, [x] not available, [z] not applicable, [p] provisional, [e] estimated, [b] break; NULL when none', "
        + "definition_version STRING COMMENT 'definition version', "
        + "run_id STRING COMMENT 'run that published the cell'");
    return ddl.toString();
  }

  public static TableDef publishTable(Indicator ind) {
    return new TableDef("publish", ind.id(), ind.title().en() + " (" + ind.title().id() + "). "
        + ind.description().en() + " Grain: one row per " + ind.grain() + " and measure, totals included.",
        publishDdl(ind), List.of());
  }

  /** The whole catalogue as JSON, exported with every release. */
  public static String toJson() {
    try {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("definition_version", Definitions.VERSION);
      doc.put("dimensions", DIMENSIONS);
      doc.put("indicators", INDICATORS);
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    } catch (Exception e) {
      throw new IllegalStateException("cannot serialise the catalogue", e);
    }
  }
}
