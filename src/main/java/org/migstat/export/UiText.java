package org.migstat.export;

import java.util.LinkedHashMap;
import java.util.Map;
import org.migstat.catalog.Text;

/**
 * The dashboard's own words (headings, control labels, notes) in both languages. Everything about an indicator
 * — title, definition, unit, caveats, dimension and code labels — comes from the catalogue instead.
 */
final class UiText {
  private UiText() {}

  static final Map<String, Text> TEXT = new LinkedHashMap<>();

  private static void put(String key, String en, String id) {
    TEXT.put(key, Text.of(en, id));
  }

  static {
    put("title", "Indonesian nationals abroad: residence, work permits and protection",
        "Warga negara Indonesia di luar negeri: izin tinggal, izin kerja dan pelindungan");
    put("subtitle", "Official statistics from the host-country registries and the embassy (migstat)",
        "Statistik resmi dari register negara tuan rumah dan kedutaan (migstat)");
    put("subtitleSynthetic", "A demonstration of migstat on synthetic data: the registries, embassy files and border records behind these figures are made up",
        "Peragaan migstat dengan data sintetis: register, berkas kedutaan dan catatan perbatasan di balik angka-angka ini adalah rekaan");
    put("syntheticTag", "[SYNTHETIC DATA]", "[DATA SINTETIS]");
    put("language", "Bahasa / Language", "Bahasa / Language");
    put("contents", "Contents", "Daftar isi");
    put("asOf", "Data as of", "Data per");
    put("run", "Pipeline run", "Proses data");
    put("generated", "Generated", "Dibuat");
    put("buildStamp", "Build stamp", "Cap rilis");
    put("internalView", "Internal view — not for publication: this date is not a release date",
        "Tampilan internal — tidak untuk dipublikasikan: tanggal ini bukan tanggal rilis");
    put("release", "Release", "Rilis");
    put("dataCutoff", "Data cut-off (newest extract)", "Batas data (ekstrak terbaru)");
    put("opensOn", "Shown: the latest period of this release,", "Ditampilkan: periode terakhir rilis ini,");
    put("opensOnLatestPublishable", "Shown: the latest period with publishable figures (later ones are all hidden),",
        "Ditampilkan: periode terakhir dengan angka yang dapat dipublikasikan (periode sesudahnya disembunyikan semua),");
    put("revisedNote", "[r]: revised since the previous release", "[r]: direvisi sejak rilis sebelumnya");
    put("tablesAndVersions", "Published tables and their Delta versions", "Tabel yang dipublikasikan dan versi Delta-nya");
    put("table", "Table", "Tabel");
    put("version", "Delta version", "Versi Delta");
    put("rows", "Cells", "Sel");
    put("pinned", "Version recorded by the run", "Versi yang dicatat oleh proses");
    put("yes", "yes", "ya");
    put("no", "no (latest version read)", "tidak (versi terbaru dibaca)");
    put("citizenshipFilter", "Citizenship shown in the panels", "Kewarganegaraan yang ditampilkan di panel");
    put("filtersNote", "Filters only choose among published cells; nothing is added up in this page.",
        "Filter hanya memilih di antara sel yang dipublikasikan; tidak ada penjumlahan di halaman ini.");
    put("headlines", "Headline figures", "Angka utama");
    put("reference", "Reference", "Acuan");
    put("vsPrevMonth", "vs previous month", "dibanding bulan sebelumnya");
    put("vsPrevYear", "vs previous year", "dibanding tahun sebelumnya");
    put("vs", "vs", "dibanding");
    put("pp", "pp", "poin persen");
    put("source", "Source", "Sumber");
    put("legend", "Flags used in this dashboard", "Tanda yang digunakan di dasbor ini");
    put("legendIntro", "A flag next to a figure qualifies it. A hidden figure is never shown, charted or used in a sum.",
        "Tanda di samping angka menjelaskan angka tersebut. Angka yang disembunyikan tidak pernah ditampilkan, digambarkan atau dijumlahkan.");
    put("inFiles", "in the data files:", "di file data:");
    put("measure", "Measure", "Ukuran");
    put("period", "Period", "Periode");
    put("showBy", "Show by", "Tampilkan menurut");
    put("andBy", "and by", "dan menurut");
    put("none", "(none)", "(tidak ada)");
    put("trend", "Over time", "Dari waktu ke waktu");
    put("breakdown", "Breakdown", "Rincian");
    put("about", "Definition, source and reference date", "Definisi, sumber dan tanggal referensi");
    put("dataTable", "Data table (text alternative to the charts)", "Tabel data (alternatif teks untuk grafik)");
    put("definition", "Definition", "Definisi");
    put("unit", "Unit", "Satuan");
    put("grain", "One row per", "Satu baris per");
    put("kind", "Type", "Jenis");
    put("kind_STOCK", "Stock: persons on a reference date", "Stok: orang pada tanggal referensi");
    put("kind_FLOW", "Flow: persons or events in a period", "Arus: orang atau peristiwa dalam suatu periode");
    put("sourceTables", "Computed from", "Dihitung dari");
    put("definitionVersion", "Definition version", "Versi definisi");
    put("referencePeriods", "Reference dates and periods published", "Tanggal dan periode referensi yang dipublikasikan");
    put("caveats", "Caveats", "Catatan");
    put("notPublished", "[x] Not published in this release.", "[x] Tidak dipublikasikan dalam rilis ini.");
    put("noCell", "[x] No published figure for this selection.", "[x] Tidak ada angka yang dipublikasikan untuk pilihan ini.");
    put("casesCaveat",
        "Identified victims are not prevalence: these counts measure the cases that authorities and the embassy detected or assisted, not how many people are trafficked.",
        "Korban yang teridentifikasi bukan prevalensi: angka ini mengukur kasus yang dideteksi atau dibantu oleh otoritas dan kedutaan, bukan jumlah orang yang diperdagangkan.");
    put("splitNote",
        "Shown as the share of the persons for whom the characteristic is recorded, with their number in brackets; a person can have several values, so the shares can add up to more than 100%.",
        "Ditampilkan sebagai persentase dari orang yang karakteristiknya tercatat, dengan jumlahnya dalam kurung; satu orang dapat memiliki beberapa nilai, sehingga jumlah persentase dapat lebih dari 100%.");
    put("splitOther", "Other characteristics of the cases", "Karakteristik kasus lainnya");
    put("family_residence", "Residents and work permits", "Penduduk dan izin kerja");
    put("family_border", "Border crossings", "Perlintasan perbatasan");
    put("family_cases", "Protection and trafficking cases", "Kasus pelindungan dan perdagangan orang");
    put("family_context", "International context: UNODC (Cambodia and Indonesia)",
        "Konteks internasional: UNODC (Kamboja dan Indonesia)");
    put("family_comparison", "Sources side by side", "Perbandingan sumber");
    put("family_other", "Other indicators", "Indikator lain");
    put("sources", "Sources side by side", "Perbandingan sumber");
    put("sourcesWhy",
        "These figures come from different sources and do not measure the same thing: the host registry counts persons registered on a date whatever their status, the work-permit registry counts persons holding a valid permit, the embassy counts citizens who chose to register, and case files count persons the authorities identified or assisted. They are shown side by side with their own definitions and dates, never added up or blended into one number.",
        "Angka-angka ini berasal dari sumber yang berbeda dan tidak mengukur hal yang sama: register negara tuan rumah menghitung orang yang terdaftar pada suatu tanggal apa pun statusnya, register izin kerja menghitung pemegang izin yang berlaku, kedutaan menghitung warga yang memilih untuk mendaftar, dan berkas kasus menghitung orang yang diidentifikasi atau dibantu otoritas. Angka ditampilkan berdampingan dengan definisi dan tanggalnya masing-masing, tidak pernah dijumlahkan atau digabung menjadi satu angka.");
    put("usualResidents", "Registered and usual residents", "Penduduk terdaftar dan penduduk biasa");
    put("usualResidentsTable", "Registered and usual residents on the reference date",
        "Penduduk terdaftar dan penduduk biasa pada tanggal referensi");
    put("usualResidentsMore", "By citizenship and over time, with its data table:",
        "Menurut kewarganegaraan dan dari waktu ke waktu, beserta tabel datanya:");
    put("sourceFigures", "Each source's own figure on the same date", "Angka masing-masing sumber pada tanggal yang sama");
    put("sourcesTable", "Headline figure of each published indicator", "Angka utama setiap indikator yang dipublikasikan");
    put("indicator", "Indicator", "Indikator");
    put("value", "Value", "Nilai");
    put("breakdownFor", "Breakdown for", "Rincian untuk");
    put("flaggedCells", "Flagged or hidden figures", "Angka bertanda atau disembunyikan");
    put("chartTrend", "Line chart", "Grafik garis");
    put("chartBars", "Bar chart", "Grafik batang");
    put("largestSeries", "the {n} largest drawn; every one in the data table",
        "{n} terbesar digambar; semuanya di tabel data");
    put("chartAria", "The data table below the chart gives every value.", "Tabel data di bawah grafik memuat setiap nilai.");
    put("dataFiles", "The same figures, with every flag, are in the data folder of this release: CSV, XLSX and SDMX-CSV per table, and catalog.json.",
        "Angka yang sama, dengan setiap tanda, tersedia di folder data rilis ini: CSV, XLSX dan SDMX-CSV per tabel, serta catalog.json.");
    put("offline", "This page works offline: it loads nothing from the network.",
        "Halaman ini berfungsi tanpa internet: tidak memuat apa pun dari jaringan.");
    put("skip", "Skip to the figures", "Langsung ke angka");
  }
}
