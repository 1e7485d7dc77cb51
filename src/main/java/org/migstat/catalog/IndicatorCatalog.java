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
        "O", Text.of("Other (as published by UNODC)", "Lainnya (sebagaimana dipublikasikan UNODC)"),
        "U", Text.of("Not recorded", "Tidak tercatat"),
        "_U", Text.of("No resident record on the date", "Tidak ada catatan penduduk pada tanggal tersebut")), null);
    dim("age_group", Text.of("Age group", "Kelompok umur"), ordered(
        "0-14", Text.of("0-14 years", "0-14 tahun"), "15-24", Text.of("15-24 years", "15-24 tahun"),
        "25-34", Text.of("25-34 years", "25-34 tahun"), "35-44", Text.of("35-44 years", "35-44 tahun"),
        "45-54", Text.of("45-54 years", "45-54 tahun"), "55-64", Text.of("55-64 years", "55-64 tahun"),
        "65+", Text.of("65 years and over", "65 tahun ke atas"), "unknown", Text.of("Not recorded", "Tidak tercatat"),
        "_U", Text.of("No resident record on the date", "Tidak ada catatan penduduk pada tanggal tersebut")),
        null);
    dim("sector", Text.of("Economic sector (ISIC Rev.4)", "Sektor ekonomi (ISIC Rev.4)"), Map.of(), "isic_section.csv");
    dim("validity_class", Text.of("Length of validity", "Masa berlaku"), ordered(
        "3-5m", Text.of("3 to 5 months", "3 sampai 5 bulan"), "6-11m", Text.of("6 to 11 months", "6 sampai 11 bulan"),
        "12m+", Text.of("12 months or more", "12 bulan atau lebih"),
        // Issue 15: Eurostat's long-term class, published nested in 12m+ (RelationCatalog.VALIDITY_5Y)
        "12-59m", Text.of("of which: 12 to 59 months", "di antaranya: 12 sampai 59 bulan"),
        "5y_plus", Text.of("of which: 5 years or more (long-term)", "di antaranya: 5 tahun atau lebih (jangka panjang)")),
        null);
    dim("reason", Text.of("Reason for the permit", "Alasan izin"), ordered(
        "Employment", Text.of("Remunerated activities", "Kegiatan berbayar (bekerja)"),
        "Family", Text.of("Family reasons", "Alasan keluarga"),
        "Education", Text.of("Education reasons", "Alasan pendidikan"),
        "Other", Text.of("Other reasons", "Alasan lain")), null);
  }

  // ---- dimensions of the residence definitions (usual residence, stay category, country of birth) -------------
  static {
    dim("residence_duration", Text.of("Length of residence", "Lama tinggal"), ordered(
        "lt_3m", Text.of("Less than 3 months", "Kurang dari 3 bulan"),
        "3_11m", Text.of("3 to 11 months (temporary mobility)", "3 sampai 11 bulan (mobilitas sementara)"),
        "12m_plus", Text.of("12 months or more (usual residence)", "12 bulan atau lebih (tempat tinggal biasa)")), null);
    // The registry's own categories map onto these codes through mappings/stay_category.csv (versioned).
    dim("stay_category", Text.of("Stay category (registry)", "Kategori izin tinggal (register)"), ordered(
        "employment", Text.of("Business or employment (EB)", "Bisnis atau bekerja (EB)"),
        "general", Text.of("General: dependants and job seekers (EG)", "Umum: tanggungan dan pencari kerja (EG)"),
        "retirement", Text.of("Retirement (ER)", "Pensiun (ER)"),
        "study", Text.of("Study (ES)", "Belajar (ES)"),
        "khmer_descent", Text.of("Khmer descent (K)", "Keturunan Khmer (K)"),
        "tourist", Text.of("Tourist (T)", "Turis (T)"),
        "_U", Text.of("Not recorded or not a known category", "Tidak tercatat atau kategori tidak dikenal")), null);
    dim("country_of_birth", Text.of("Country of birth", "Negara kelahiran"), ordered(
        "_U", Text.of("Not recorded", "Tidak tercatat")), "citizenship.csv");
  }

  // ---- dimensions of the protection-case, border, source-comparison and UNODC tables ------------------
  static {
    dim("case_type", Text.of("Type of case", "Jenis kasus"), ordered(
        "HumanTrafficking", Text.of("Trafficking in persons (TPPO)", "Tindak pidana perdagangan orang (TPPO)"),
        "OnlineScamWork", Text.of("Online-scam work", "Kerja penipuan daring (online scam)"),
        "NonProceduralMigrantWorker", Text.of("Non-procedural migrant worker", "Pekerja migran nonprosedural"),
        "LabourDispute", Text.of("Labour dispute", "Perselisihan ketenagakerjaan"),
        "Overstay", Text.of("Overstay", "Melebihi izin tinggal (overstay)"),
        "Deportation", Text.of("Deportation", "Deportasi"),
        "Other", Text.of("Other", "Lainnya")), null);
    dim("victim_age_group", Text.of("Age on the reported date", "Umur pada tanggal lapor"), ordered(
        "0-17", Text.of("Child (0-17 years)", "Anak (0-17 tahun)"),
        "18+", Text.of("Adult (18 years and over)", "Dewasa (18 tahun ke atas)"),
        "unknown", Text.of("Not recorded", "Tidak tercatat")), null);
    dim("trafficking_status", Text.of("Identification status (HTCDS)", "Status identifikasi (HTCDS)"), ordered(
        "ActualVictimOfTrafficking", Text.of("Formally identified victim of trafficking", "Korban TPPO yang teridentifikasi resmi"),
        "PossibleVictimOfTrafficking", Text.of("Possible or presumed victim", "Kemungkinan atau diduga korban"),
        "NotAVictimOfTrafficking", Text.of("Assessed: not a victim of trafficking", "Dinilai: bukan korban TPPO")), null);
    dim("attribute", Text.of("Characteristic of the case", "Karakteristik kasus"), ordered(
        "recruitment_method", Text.of("Method of recruitment", "Cara perekrutan"),
        "platform", Text.of("Recruitment platform (website or app)", "Platform perekrutan (situs atau aplikasi)"),
        "lure_job", Text.of("Job promised (lure)", "Pekerjaan yang dijanjikan (umpan)"),
        "exploitation_type", Text.of("Form of exploitation", "Bentuk eksploitasi"),
        "control_method", Text.of("Means of control", "Cara pengendalian"),
        "entry_visa", Text.of("Visa used to enter", "Visa yang digunakan untuk masuk"),
        "entry_route", Text.of("Route of departure", "Jalur keberangkatan")), null);
    dim("category", Text.of("Category", "Kategori"), ordered(
        "ThroughOnlineSocialNetworks", Text.of("Through online social networks", "Melalui media sosial"),
        "ThroughAnOnlineAdvertisement", Text.of("Through an online advertisement", "Melalui iklan daring"),
        "ThroughFriendsOrSocialEvents", Text.of("Through friends or social events", "Melalui teman atau acara sosial"),
        "ThroughFamilyOrFamilyEvents", Text.of("Through family", "Melalui keluarga"),
        "AtAPlaceOfBusiness", Text.of("At a place of business", "Di tempat usaha"),
        "AtAnEducationalInstitution", Text.of("At an educational institution", "Di lembaga pendidikan"),
        "AtWork", Text.of("At work", "Di tempat kerja"),
        "ThroughANewspaperAdvert", Text.of("Through a newspaper advertisement", "Melalui iklan surat kabar"),
        "ThroughATelevisionAdvert", Text.of("Through a television advertisement", "Melalui iklan televisi"),
        "Facebook", Text.of("Facebook", "Facebook"), "FacebookMessenger", Text.of("Facebook Messenger", "Facebook Messenger"),
        "Instagram", Text.of("Instagram", "Instagram"), "Line", Text.of("Line", "Line"),
        "Telegram", Text.of("Telegram", "Telegram"), "TikTok", Text.of("TikTok", "TikTok"),
        "Twitter", Text.of("Twitter / X", "Twitter / X"), "WeChat", Text.of("WeChat", "WeChat"),
        "WhatsApp", Text.of("WhatsApp", "WhatsApp"),
        "CustomerService", Text.of("Customer service", "Layanan pelanggan"),
        "DataEntry", Text.of("Data entry", "Entri data"),
        "InvestmentMarketing", Text.of("Investment or crypto marketing", "Pemasaran investasi atau kripto"),
        "OnlineMarketingSales", Text.of("Online marketing and sales", "Pemasaran dan penjualan daring"),
        "Translator", Text.of("Translator", "Penerjemah"),
        "ForcedCriminality", Text.of("Forced criminality", "Kriminalitas paksa"),
        "OnlineScam", Text.of("of which: forced online-scam work", "di antaranya: kerja paksa penipuan daring"),
        "ForcedLabour", Text.of("Forced labour", "Kerja paksa"),
        "SexualExploitation", Text.of("Sexual exploitation", "Eksploitasi seksual"),
        "ForcedMarriage", Text.of("Forced marriage", "Kawin paksa"),
        "Servitude", Text.of("Servitude", "Perhambaan"),
        "ChildLabour", Text.of("Child labour", "Pekerja anak"),
        "ForcedBegging", Text.of("Forced begging", "Mengemis paksa"),
        "OrganRemoval", Text.of("Organ removal", "Pengambilan organ"),
        "WithholdsDocuments", Text.of("Documents withheld", "Dokumen ditahan"),
        "DebtBondage", Text.of("Debt bondage", "Jeratan utang"),
        "TakesEarnings", Text.of("Earnings taken", "Penghasilan diambil"),
        "ExcessiveWorkingHours", Text.of("Excessive working hours", "Jam kerja berlebihan"),
        "PhysicalThreats", Text.of("Physical threats", "Ancaman fisik"),
        "PhysicalAbuse", Text.of("Physical abuse", "Kekerasan fisik"),
        "FalsePromises", Text.of("False promises", "Janji palsu"),
        "PsychologicalAbuse", Text.of("Psychological abuse", "Kekerasan psikologis"),
        "ThreatsLawEnforcement", Text.of("Threats of denunciation to the authorities", "Ancaman dilaporkan ke aparat"),
        "WithholdsNecessities", Text.of("Necessities withheld (food, water, sleep)", "Kebutuhan dasar ditahan (makan, minum, tidur)"),
        "ThreatensChildrenFamily", Text.of("Threats against family", "Ancaman terhadap keluarga"),
        "RestrictsMedicalCare", Text.of("Medical care restricted", "Perawatan medis dibatasi"),
        "RestrictsFinancialAccess", Text.of("Access to money restricted", "Akses keuangan dibatasi"),
        "PsychoactiveSubstance", Text.of("Psychoactive substances", "Zat psikoaktif"),
        "SexualAbuse", Text.of("Sexual abuse", "Kekerasan seksual"),
        "Tourist", Text.of("Tourist visa", "Visa turis"), "VisaOnArrival", Text.of("Visa on arrival", "Visa saat kedatangan"),
        "VisaExempt", Text.of("Visa exempt", "Bebas visa"), "Business", Text.of("Business (ordinary) visa", "Visa bisnis (biasa)"),
        "Work", Text.of("Work visa", "Visa kerja"), "IrregularEntry", Text.of("Irregular entry", "Masuk secara tidak resmi"),
        "Procedural", Text.of("Procedural (official placement channel)", "Prosedural (jalur penempatan resmi)"),
        "NonProcedural", Text.of("Non-procedural", "Nonprosedural"),
        "Other", Text.of("Other", "Lainnya")), null);
    dim("scope", Text.of("Cases covered", "Kasus yang dicakup"), ordered(
        "all", Text.of("All cases", "Semua kasus"),
        "scam_related", Text.of("Cases related to online-scam work", "Kasus terkait kerja penipuan daring")), null);
    dim("stage", Text.of("Stage", "Tahap"), ordered(
        "reported", Text.of("Case reported", "Kasus dilaporkan"),
        "identified", Text.of("Identified as a victim of trafficking", "Diidentifikasi sebagai korban TPPO"),
        "released", Text.of("Released or rescued", "Dibebaskan atau diselamatkan"),
        "repatriated", Text.of("Repatriated", "Dipulangkan"),
        "suspected", Text.of("Suspect identified (investigation)", "Tersangka diidentifikasi (penyidikan)"),
        "prosecuted", Text.of("Prosecuted", "Dituntut"),
        "convicted", Text.of("Conviction", "Putusan bersalah"),
        "reported_to_identified", Text.of("From report to identification", "Dari laporan ke identifikasi"),
        "identified_to_released", Text.of("From identification to release", "Dari identifikasi ke pembebasan"),
        "released_to_repatriated", Text.of("From release to repatriation", "Dari pembebasan ke pemulangan")), null);
    dim("visa_class", Text.of("Visa class", "Kelas visa"), ordered(
        "Tourist", Text.of("Tourist (T, VOA, e-visa)", "Turis (T, VOA, e-visa)"),
        "Business", Text.of("Business / ordinary (E)", "Bisnis / biasa (E)"),
        "VisaExempt", Text.of("Visa exempt (ASEAN)", "Bebas visa (ASEAN)"),
        "KhmerDescent", Text.of("Khmer descent (K)", "Keturunan Khmer (K)"),
        "Official", Text.of("Official / diplomatic (D)", "Dinas / diplomatik (D)"),
        "unknown", Text.of("Not recorded (most exits)", "Tidak tercatat (sebagian besar keberangkatan)")), null);
    dim("source", Text.of("Source", "Sumber"), ordered(
        "host_registry_residents", Text.of("Host registry: residents", "Register negara tuan rumah: penduduk"),
        "work_permit_holders", Text.of("Work-permit registry: permit holders", "Register izin kerja: pemegang izin"),
        "embassy_registrations", Text.of("Embassy: self-registrations (lapor diri)", "Kedutaan: lapor diri"),
        "border_net_entries", Text.of("Border: entries minus exits", "Perbatasan: kedatangan dikurangi keberangkatan"),
        "protection_cases", Text.of("Embassy case files: protection cases", "Berkas kasus kedutaan: kasus pelindungan")), null);
    dim("country", Text.of("Reporting country (UNODC)", "Negara pelapor (UNODC)"), Map.of(), "citizenship.csv");
  }

  /** What each source of the side-by-side comparison counts, and over which window (catalogue text, shown with it). */
  public static final Map<String, Text> SOURCE_DEFINITIONS = ordered(
      "host_registry_residents", Text.of(
          "Distinct persons registered as residents in the host-country registry on the date, whatever their legal status.",
          "Orang yang terdaftar sebagai penduduk dalam register negara tuan rumah pada tanggal tersebut, apa pun status hukumnya."),
      "work_permit_holders", Text.of(
          "Distinct persons holding a valid work permit (3 months or more) on the date, resident or not.",
          "Orang yang memegang izin kerja yang berlaku (3 bulan atau lebih) pada tanggal tersebut, penduduk maupun bukan."),
      "embassy_registrations", Text.of(
          "Self-registrations with the embassy from the start of the register to the date: registrations, not persons; registering is voluntary and nobody de-registers when leaving.",
          "Lapor diri ke kedutaan sejak awal register sampai tanggal tersebut: jumlah registrasi, bukan orang; lapor diri bersifat sukarela dan tidak ada yang mencabut saat pulang."),
      "border_net_entries", Text.of(
          "Entry events minus exit events at the border from 1 January 2022 (start of the border data) to the date: events, not persons; may be negative.",
          "Peristiwa kedatangan dikurangi keberangkatan di perbatasan sejak 1 Januari 2022 (awal data perbatasan) sampai tanggal tersebut: peristiwa, bukan orang; dapat bernilai negatif."),
      "protection_cases", Text.of(
          "Protection cases reported to the embassy in the calendar month up to the date (cases, not prevalence).",
          "Kasus pelindungan yang dilaporkan ke kedutaan dalam bulan kalender sampai tanggal tersebut (kasus, bukan prevalensi)."));

  /**
   * One of the two residence definitions, or one of the groups that make up their difference, as the dashboard and
   * catalog.json state it beside its figure: the cell of {@code publish.usual_residents} with this
   * {@code residence_duration} code counts it.
   */
  public record ResidenceDefinition(String code, Text label, Text definition) {}

  /** The published indicator, and its dimension, whose cells count the {@link #RESIDENCE_DEFINITIONS}. */
  public static final String RESIDENCE_DEFINITIONS_INDICATOR = "usual_residents";
  public static final String RESIDENCE_DEFINITIONS_DIMENSION = "residence_duration";

  /**
   * Registered residents and usual residents side by side (issue 15), never added or blended: the registered ones
   * ({@code _T}, the national figure), the usual ones ({@code 12m_plus}, UN), and the two groups that make up the
   * difference ({@code 3_11m}, {@code lt_3m}). {@link #USUAL_RESIDENCE_CAVEAT} says it in one sentence.
   */
  public static final List<ResidenceDefinition> RESIDENCE_DEFINITIONS = List.of(
      new ResidenceDefinition(Dimension.TOTAL,
          Text.of("Registered residents (the national figure)", "Penduduk terdaftar (angka nasional)"),
          Text.of("Every person registered as a resident in the host-country registry on the date, whatever the length of stay.",
              "Setiap orang yang terdaftar sebagai penduduk dalam register negara tuan rumah pada tanggal tersebut, berapa pun lama tinggalnya.")),
      new ResidenceDefinition("12m_plus",
          Text.of("Usual residents (UN definition)", "Penduduk biasa (definisi PBB)"),
          Text.of("Registered residents who were registered at least 12 months before the date (12 months or more of residence).",
              "Penduduk terdaftar yang telah terdaftar paling sedikit 12 bulan sebelum tanggal tersebut (tinggal 12 bulan atau lebih).")),
      new ResidenceDefinition("3_11m",
          Text.of("Not usual residents: temporary stays of 3 to 11 months", "Bukan penduduk biasa: tinggal sementara 3 sampai 11 bulan"),
          Text.of("Registered residents who were registered 3 to 11 months before the date (temporary mobility, not migration).",
              "Penduduk terdaftar yang terdaftar 3 sampai 11 bulan sebelum tanggal tersebut (mobilitas sementara, bukan migrasi).")),
      new ResidenceDefinition("lt_3m",
          Text.of("Not usual residents: stays under 3 months", "Bukan penduduk biasa: tinggal kurang dari 3 bulan"),
          Text.of("Registered residents who were registered less than 3 months before the date.",
              "Penduduk terdaftar yang terdaftar kurang dari 3 bulan sebelum tanggal tersebut.")));

  /**
   * A headline class published nested in a coarser one, as the dashboard's tile and catalog.json state it: the cell
   * of {@code indicator} whose nested code the catalogue's {@link RelationCatalog.Split} declares counts it.
   *
   * @param label      the tile's heading
   * @param definition what it counts, and that it is a subset of its parent class (never added to it)
   */
  public record NestedClass(String indicator, Text label, Text definition) {}

  /**
   * Long-term residents (issue 15): Eurostat's "valid 5 years or more" class of {@code permit_holders_by_reason}
   * ({@code 5y_plus}), nested in "12 months or more" ({@code 12m+}) by {@link RelationCatalog#VALIDITY_5Y}.
   */
  public static final NestedClass LONG_TERM_RESIDENTS = new NestedClass("permit_holders_by_reason",
      Text.of("Long-term Indonesian residents (permit valid 5 years or more)",
          "Penduduk WNI jangka panjang (izin berlaku 5 tahun atau lebih)"),
      Text.of("Work-permit holders whose permit is valid 5 years or more (Eurostat's long-term class): a subset of the holders whose permit is valid 12 months or more, not added to them.",
          "Pemegang izin kerja yang izinnya berlaku 5 tahun atau lebih (kelas jangka panjang Eurostat): bagian dari pemegang izin yang berlaku 12 bulan atau lebih, tidak dijumlahkan dengannya."));

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

  public static final Text USUAL_RESIDENCE_CAVEAT = Text.of(
      "Two definitions, never blended: registered residents are every person registered on the date (the national figure); usual residents are those registered for at least the last 12 months (UN). The difference is the persons registered for less than 12 months: temporary stays of 3 to 11 months and stays under 3 months.",
      "Dua definisi, tidak pernah digabung: penduduk terdaftar adalah setiap orang yang terdaftar pada tanggal tersebut (angka nasional); penduduk biasa adalah yang telah terdaftar paling sedikit 12 bulan terakhir (PBB). Selisihnya adalah orang yang terdaftar kurang dari 12 bulan: tinggal sementara 3 sampai 11 bulan dan tinggal kurang dari 3 bulan.");
  static final Text LINKED_RECORD_CAVEAT = Text.of(
      "Sex and age of permit holders come from their resident record on the date, linked through the pseudonymised document; holders not registered as residents on the date are shown as \"no resident record on the date\".",
      "Jenis kelamin dan umur pemegang izin diambil dari catatan penduduknya pada tanggal tersebut, ditautkan melalui dokumen yang dipseudonimkan; pemegang izin yang tidak terdaftar sebagai penduduk pada tanggal tersebut ditampilkan sebagai \"tidak ada catatan penduduk pada tanggal tersebut\".");

  static final Text PREVALENCE_CAVEAT = Text.of(
      "Identified victims are not prevalence: these counts measure the cases that the authorities and the embassy detected or assisted, not how many people are trafficked.",
      "Korban yang teridentifikasi bukan prevalensi: angka ini mengukur kasus yang dideteksi atau dibantu oleh otoritas dan kedutaan, bukan jumlah orang yang diperdagangkan.");
  static final Text CASE_PROTECTION_CAVEAT = Text.of(
      "To protect the persons concerned, figures under 10 are hidden [c], and so are the figures that would let a hidden one be worked out (month and year totals included).",
      "Untuk melindungi orang yang bersangkutan, angka di bawah 10 disembunyikan [c], begitu pula angka yang memungkinkan angka tersembunyi dihitung (termasuk total bulan dan tahun).");
  static final Text CASE_UNIT_CAVEAT = Text.of(
      "Unit: the case. A case concerns one person; a person with two cases in a period counts twice. The month of a case is the month it was reported; cases entered in error are excluded.",
      "Satuan: kasus. Satu kasus menyangkut satu orang; orang dengan dua kasus dalam satu periode dihitung dua kali. Bulan kasus adalah bulan pelaporannya; kasus yang salah input tidak dihitung.");
  static final Text MULTI_VALUED_CAVEAT = Text.of(
      "A person may have several values (several platforms, forms of exploitation or means of control): shares do not add up to 100%. Only cases with consent to data use are included.",
      "Satu orang dapat memiliki beberapa nilai (beberapa platform, bentuk eksploitasi atau cara pengendalian): persentase tidak berjumlah 100%. Hanya kasus dengan persetujuan penggunaan data yang dihitung.");
  static final Text BORDER_CAVEAT = Text.of(
      "Crossings are events, not persons: a person who crosses twice counts twice. Exits rarely record a visa. Counts under 5 are hidden [c] with the figures that would reveal them.",
      "Perlintasan adalah peristiwa, bukan orang: orang yang melintas dua kali dihitung dua kali. Visa jarang dicatat saat keberangkatan. Angka di bawah 5 disembunyikan [c] bersama angka yang dapat mengungkapnya.");
  static final Text SOURCES_CAVEAT = Text.of(
      "Each source keeps its own definition and date; the figures are never added up or blended. Each figure carries the flag of the table it is published in.",
      "Setiap sumber memakai definisi dan tanggalnya sendiri; angka tidak pernah dijumlahkan atau digabung. Setiap angka membawa tanda dari tabel tempat ia dipublikasikan.");
  static final Text GLOTIP_CAVEAT = Text.of(
      "Figures as published by UNODC (Global Report on Trafficking in Persons data): already public, so no further suppression is applied; values UNODC published as <5 are shown as <5 [<5], never as a number. Detected victims are not prevalence.",
      "Angka sebagaimana dipublikasikan UNODC (data Global Report on Trafficking in Persons): sudah publik, sehingga tidak ada penyembunyian tambahan; nilai yang dipublikasikan UNODC sebagai <5 ditampilkan sebagai <5 [<5], tidak pernah sebagai angka. Korban yang terdeteksi bukan prevalensi.");

  public static final List<Indicator> INDICATORS = List.of(
      new Indicator("residents_by_citizenship",
          Text.of("Foreign residents by citizenship", "Penduduk asing menurut kewarganegaraan"),
          Text.of("Persons registered as residents in the host-country registry on the reference date (registered residents: the national figure, whatever the length of stay).",
              "Orang yang terdaftar sebagai penduduk dalam register negara tuan rumah pada tanggal referensi (penduduk terdaftar: angka nasional, berapa pun lama tinggalnya)."),
          Indicator.Kind.STOCK, "persons", "reference date x citizenship",
          List.of("citizenship"), List.of("persons"), "residence", List.of("gold.residents_stock"),
          Definitions.VERSION, List.of(REGISTRY_CAVEAT, USUAL_RESIDENCE_CAVEAT)),
      new Indicator("usual_residents",
          Text.of("Usual residents beside registered residents", "Penduduk biasa di samping penduduk terdaftar"),
          Text.of("Usual residents (UN): persons registered as residents on the reference date who were registered at least 12 months earlier (length of residence: 12 months or more). Beside them, in the same table and never added to them: the registered residents in total (the national figure) and those who make up the difference, registered 3 to 11 months earlier (temporary mobility, not migration) or under 3 months earlier.",
              "Penduduk biasa (PBB): orang yang terdaftar sebagai penduduk pada tanggal referensi dan telah terdaftar paling sedikit 12 bulan sebelumnya (lama tinggal: 12 bulan atau lebih). Di sampingnya, dalam tabel yang sama dan tidak pernah dijumlahkan dengannya: total penduduk terdaftar (angka nasional) dan yang membentuk selisihnya, terdaftar 3 sampai 11 bulan sebelumnya (mobilitas sementara, bukan migrasi) atau kurang dari 3 bulan sebelumnya."),
          Indicator.Kind.STOCK, "persons", "reference date x citizenship x length of residence",
          List.of("citizenship", "residence_duration"), List.of("persons"), "residence",
          List.of("gold.residents_by_stay", "gold.usual_residents"), Definitions.VERSION,
          List.of(REGISTRY_CAVEAT, USUAL_RESIDENCE_CAVEAT)),
      new Indicator("residents_by_stay",
          Text.of("Foreign residents by stay category and length of residence",
              "Penduduk asing menurut kategori izin tinggal dan lama tinggal"),
          Text.of("Persons registered as residents on the reference date, by the registry's stay category and by the months since their registration: under 3 months, 3 to 11 months (temporary mobility), 12 months or more (usual residence).",
              "Orang yang terdaftar sebagai penduduk pada tanggal referensi, menurut kategori izin tinggal dalam register dan bulan sejak pendaftarannya: kurang dari 3 bulan, 3 sampai 11 bulan (mobilitas sementara), 12 bulan atau lebih (tempat tinggal biasa)."),
          Indicator.Kind.STOCK, "persons", "reference date x citizenship x stay category x length of residence",
          List.of("citizenship", "stay_category", "residence_duration"), List.of("persons"), "residence",
          List.of("gold.residents_by_stay"), Definitions.VERSION, List.of(REGISTRY_CAVEAT, USUAL_RESIDENCE_CAVEAT)),
      new Indicator("residents_by_country_of_birth",
          Text.of("Foreign residents by citizenship and country of birth",
              "Penduduk asing menurut kewarganegaraan dan negara kelahiran"),
          Text.of("Persons registered as residents on the reference date, by citizenship and by country of birth as the registry records it; a country of birth that is not recorded is shown as such, never inferred from citizenship.",
              "Orang yang terdaftar sebagai penduduk pada tanggal referensi, menurut kewarganegaraan dan negara kelahiran sebagaimana tercatat dalam register; negara kelahiran yang tidak tercatat ditampilkan demikian, tidak pernah disimpulkan dari kewarganegaraan."),
          Indicator.Kind.STOCK, "persons", "reference date x citizenship x country of birth",
          List.of("citizenship", "country_of_birth"), List.of("persons"), "residence",
          List.of("gold.residents_by_stay"), Definitions.VERSION, List.of(REGISTRY_CAVEAT)),
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
      new Indicator("permit_holders_by_reason",
          Text.of("Work-permit holders by reason and length of validity",
              "Pemegang izin kerja menurut alasan dan masa berlaku"),
          Text.of("Persons holding a valid work permit on the reference date, by citizenship, the Eurostat reason of the permit and its length of validity (Eurostat's breakdown of valid permits). Of those valid 12 months or more, the long-term holders (valid 5 years or more) and the others (12 to 59 months) are shown as well: the two add up to 12 months or more, never to the total beside it.",
              "Orang yang memegang izin kerja yang berlaku pada tanggal referensi, menurut kewarganegaraan, alasan izin menurut Eurostat dan masa berlakunya (rincian izin berlaku Eurostat). Dari yang berlaku 12 bulan atau lebih, pemegang jangka panjang (berlaku 5 tahun atau lebih) dan lainnya (12 sampai 59 bulan) juga ditampilkan: keduanya berjumlah 12 bulan atau lebih, bukan total di sampingnya."),
          Indicator.Kind.STOCK, "persons", "reference date x citizenship x reason x length of validity",
          List.of("citizenship", "reason", "validity_class"), List.of("persons"), "residence",
          List.of("gold.permit_holders_profile"), Definitions.VERSION, List.of(PERMIT_CAVEAT)),
      new Indicator("permit_holders_by_sex_age",
          Text.of("Work-permit holders by sex and age", "Pemegang izin kerja menurut jenis kelamin dan umur"),
          Text.of("Persons holding a valid work permit on the reference date, by sex and by age on that date, from their resident record.",
              "Orang yang memegang izin kerja yang berlaku pada tanggal referensi, menurut jenis kelamin dan umur pada tanggal itu, dari catatan penduduknya."),
          Indicator.Kind.STOCK, "persons", "reference date x citizenship x sex x age group",
          List.of("citizenship", "sex", "age_group"), List.of("persons"), "residence",
          List.of("gold.permit_holders_profile"), Definitions.VERSION, List.of(PERMIT_CAVEAT, LINKED_RECORD_CAVEAT)),
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
          List.of("gold.first_permits"), Definitions.VERSION, List.of(PERMIT_CAVEAT)),
      new Indicator("cases_by_month",
          Text.of("Protection cases by month and type", "Kasus pelindungan menurut bulan dan jenis"),
          Text.of("Protection cases reported to the embassy in the month (also the calendar year, the year to date and the month to date; in the latest two years, the year to date at each month end for all types of case), by type of case; of which related to online-scam work, and their share.",
              "Kasus pelindungan yang dilaporkan ke kedutaan dalam bulan tersebut (juga tahun kalender, tahun berjalan dan bulan berjalan; dalam dua tahun terakhir, tahun berjalan pada setiap akhir bulan untuk semua jenis kasus), menurut jenis kasus; di antaranya terkait kerja penipuan daring, dan persentasenya."),
          Indicator.Kind.FLOW, "cases; percent", "period x citizenship x type of case",
          List.of("citizenship", "case_type"), List.of("cases", "scam_related_cases", "scam_related_share_pct"), "cases",
          List.of("gold.cases_by_month"), Definitions.VERSION,
          List.of(PREVALENCE_CAVEAT, CASE_UNIT_CAVEAT, CASE_PROTECTION_CAVEAT)),
      new Indicator("cases_by_sex_age",
          Text.of("Protection cases by sex and age", "Kasus pelindungan menurut jenis kelamin dan umur"),
          Text.of("Protection cases reported in the period, by sex and by age of the person on the reported date (child or adult).",
              "Kasus pelindungan yang dilaporkan dalam periode tersebut, menurut jenis kelamin dan umur orang pada tanggal lapor (anak atau dewasa)."),
          Indicator.Kind.FLOW, "cases", "period x citizenship x sex x age group",
          List.of("citizenship", "sex", "victim_age_group"), List.of("cases"), "cases", List.of("gold.cases_by_month"),
          Definitions.VERSION, List.of(PREVALENCE_CAVEAT, CASE_UNIT_CAVEAT, CASE_PROTECTION_CAVEAT)),
      new Indicator("cases_by_status",
          Text.of("Protection cases by identification status", "Kasus pelindungan menurut status identifikasi"),
          Text.of("Protection cases reported in the period, by the person's identification status (HTCDS): formally identified victim, possible or presumed victim, or assessed as not a victim. Eurostat's registered victims include presumed ones; UNODC counts detected victims.",
              "Kasus pelindungan yang dilaporkan dalam periode tersebut, menurut status identifikasi orang (HTCDS): korban teridentifikasi resmi, kemungkinan atau diduga korban, atau dinilai bukan korban. Korban terdaftar Eurostat mencakup yang diduga; UNODC menghitung korban yang terdeteksi."),
          Indicator.Kind.FLOW, "cases", "period x citizenship x identification status",
          List.of("citizenship", "trafficking_status"), List.of("cases"), "cases", List.of("gold.cases_by_month"),
          Definitions.VERSION, List.of(PREVALENCE_CAVEAT, CASE_UNIT_CAVEAT, CASE_PROTECTION_CAVEAT)),
      new Indicator("case_profile",
          Text.of("How persons were recruited, exploited and controlled", "Cara orang direkrut, dieksploitasi dan dikendalikan"),
          Text.of("Persons with a protection case reported in the calendar year (or year to date), by recruitment method, platform, job promised, form of exploitation, means of control, visa and route: persons with each value, and their share of the persons for whom the characteristic is recorded.",
              "Orang dengan kasus pelindungan yang dilaporkan dalam tahun kalender (atau tahun berjalan), menurut cara perekrutan, platform, pekerjaan yang dijanjikan, bentuk eksploitasi, cara pengendalian, visa dan jalur: jumlah orang dengan setiap nilai, dan persentasenya dari orang yang karakteristiknya tercatat."),
          Indicator.Kind.FLOW, "persons; percent of persons with the characteristic recorded",
          "period x characteristic x category (multi-valued)", List.of("attribute", "category"),
          List.of("persons", "share_pct"), "cases", List.of("gold.case_profile"), Definitions.VERSION,
          List.of(PREVALENCE_CAVEAT, MULTI_VALUED_CAVEAT, CASE_PROTECTION_CAVEAT)),
      new Indicator("case_outcomes",
          Text.of("What happened to the persons: identification, release, return and justice",
              "Apa yang terjadi pada orang: identifikasi, pembebasan, pemulangan dan proses hukum"),
          Text.of("Persons with a case reported in the calendar year (or year to date), by the furthest stage reached by the end of the period: identified, released, repatriated; suspect identified, prosecuted, convicted. Median days between consecutive stages.",
              "Orang dengan kasus yang dilaporkan dalam tahun kalender (atau tahun berjalan), menurut tahap terjauh yang dicapai pada akhir periode: teridentifikasi, dibebaskan, dipulangkan; tersangka diidentifikasi, dituntut, diputus bersalah. Median hari antara tahap yang berurutan."),
          Indicator.Kind.FLOW, "persons; days (median)", "period x cases covered x stage",
          List.of("scope", "stage"), List.of("persons", "median_days"), "cases", List.of("gold.case_outcomes"),
          Definitions.VERSION, List.of(PREVALENCE_CAVEAT, CASE_PROTECTION_CAVEAT, Text.of(
              "A median is hidden [c] when fewer than 10 persons reached the later stage, or their count is hidden.",
              "Median disembunyikan [c] bila kurang dari 10 orang mencapai tahap berikutnya, atau jumlahnya disembunyikan."))),
      new Indicator("border_crossings",
          Text.of("Border entries and exits", "Kedatangan dan keberangkatan di perbatasan"),
          Text.of("Entry and exit events recorded by host-country immigration at airports and land checkpoints in the month (also the calendar year and the periods to date), by citizenship.",
              "Peristiwa kedatangan dan keberangkatan yang dicatat imigrasi negara tuan rumah di bandara dan pos lintas batas darat dalam bulan tersebut (juga tahun kalender dan periode berjalan), menurut kewarganegaraan."),
          Indicator.Kind.FLOW, "events", "period x citizenship",
          List.of("citizenship"), List.of("entries", "exits"), "border", List.of("gold.border_flows"),
          Definitions.VERSION, List.of(BORDER_CAVEAT)),
      new Indicator("source_comparison",
          Text.of("The sources side by side", "Perbandingan sumber"),
          Text.of("On each month end and the reference date, the figure of each source for the citizenship: host registry residents, work-permit holders, embassy self-registrations, border entries minus exits, protection cases. Each source counts something different (see its definition).",
              "Pada setiap akhir bulan dan tanggal referensi, angka setiap sumber untuk kewarganegaraan tersebut: penduduk register negara tuan rumah, pemegang izin kerja, lapor diri kedutaan, kedatangan dikurangi keberangkatan, kasus pelindungan. Setiap sumber menghitung hal yang berbeda (lihat definisinya)."),
          Indicator.Kind.STOCK, "persons, registrations, events or cases (by source)", "reference date x citizenship x source",
          List.of("citizenship", "source"), List.of("value"), "comparison", List.of("gold.source_comparison"),
          Definitions.VERSION, List.of(SOURCES_CAVEAT, PREVALENCE_CAVEAT)),
      new Indicator("glotip_context",
          Text.of("UNODC: detected victims, prosecutions and convictions", "UNODC: korban terdeteksi, penuntutan dan putusan"),
          Text.of("Trafficking victims detected, persons prosecuted and persons convicted, as reported by Cambodia and Indonesia to UNODC, by year and sex.",
              "Korban perdagangan orang yang terdeteksi, orang yang dituntut dan orang yang diputus bersalah, sebagaimana dilaporkan Kamboja dan Indonesia kepada UNODC, menurut tahun dan jenis kelamin."),
          Indicator.Kind.FLOW, "persons", "year x reporting country x sex",
          List.of("country", "sex"), List.of("detected_victims", "persons_prosecuted", "persons_convicted"), "context",
          List.of("gold.glotip_context"), Definitions.VERSION, List.of(GLOTIP_CAVEAT)));

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
        + "run_id STRING COMMENT 'run that published the cell', "
        + "release_id STRING COMMENT 'release the row belongs to (ops.releases); internal-<date> for an internal view', "
        + "reference_date DATE COMMENT 'reference date of that release: no period ends after it'");
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
      doc.put("source_definitions", SOURCE_DEFINITIONS);
      Map<String, Object> residence = new LinkedHashMap<>();
      residence.put("indicator", RESIDENCE_DEFINITIONS_INDICATOR);
      residence.put("dimension", RESIDENCE_DEFINITIONS_DIMENSION);
      residence.put("definitions", RESIDENCE_DEFINITIONS);
      residence.put("difference", USUAL_RESIDENCE_CAVEAT);
      doc.put("residence_definitions", residence);
      Map<String, Object> longTerm = new LinkedHashMap<>();
      longTerm.put("indicator", LONG_TERM_RESIDENTS.indicator());
      longTerm.put("dimension", RelationCatalog.VALIDITY_5Y.dimension());
      longTerm.put("code", RelationCatalog.VALIDITY_5Y.part());
      longTerm.put("within", RelationCatalog.VALIDITY_5Y.code());
      longTerm.put("label", LONG_TERM_RESIDENTS.label());
      longTerm.put("definition", LONG_TERM_RESIDENTS.definition());
      doc.put("long_term_residents", longTerm);
      Map<String, String> disclosure = new java.util.LinkedHashMap<>(); // a fixed order: catalog.json byte for byte
      disclosure.put("residence", "exact counts; cells under 5 suppressed in tables with three or more breakdowns, with secondary suppression");
      disclosure.put("cases", "cells under 10 suppressed, then secondary suppression across every margin, months -> year and linked tables; shares suppressed with an unsafe or hidden numerator or denominator");
      disclosure.put("border", "event counts under 5 suppressed in every table, with secondary suppression across months -> year");
      disclosure.put("comparison", "each source figure carries the flag of the cell it is published as elsewhere (no figure is published here that is hidden there)");
      disclosure.put("context", "figures already published by UNODC: no suppression; <5 kept censored with the flag [<5]");
      doc.put("disclosure", disclosure);
      doc.put("indicators", INDICATORS);
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    } catch (Exception e) {
      throw new IllegalStateException("cannot serialise the catalogue", e);
    }
  }
}
