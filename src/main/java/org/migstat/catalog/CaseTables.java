package org.migstat.catalog;

import java.util.List;

/**
 * Tables of the three sources of issue 3 — protection / trafficking cases (origin-country embassy,
 * Indonesian field names and codes), border crossings (host immigration) and embassy
 * self-registrations (Indonesian field names) — and the gold indicators built on them. Same shape as
 * {@link Tables}: bronze holds the raw columns as strings plus {@link Tables#BRONZE_META}; silver is
 * typed, pseudonymised and conformed to HTCDS value names; gold rows get {@link Tables#GOLD_STAMP}
 * (definition_version, run_id) added by the job.
 */
public final class CaseTables {
  private CaseTables() {}

  // ---- raw columns and record keys ----------------------------------------------------------------

  /** Protection case extract (CSV, Indonesian headers; dates dd-MM-yyyy; lists ';'-separated). */
  public static final String CASE_RAW_COLUMNS =
      "no_kasus,jenis_dokumen,no_paspor,negara_penerbit,nama,jenis_kelamin,tanggal_lahir,kewarganegaraan,"
          + "provinsi_asal,jenis_kasus,status_korban,lembaga_penentu,saluran_rekrutmen,platform,pekerjaan_dijanjikan,"
          + "bentuk_eksploitasi,cara_kontrol,visa_masuk,jalur,provinsi_eksploitasi,tanggal_lapor,tanggal_identifikasi,"
          + "tanggal_bebas,tanggal_pulang,status_kasus,tahap_hukum,persetujuan,keterangan,terakhir_diperbarui";
  /** Border crossing extract (CSV, English headers; times yyyy-MM-dd HH:mm:ss). */
  public static final String CROSSING_RAW_COLUMNS =
      "event_id,doc_type,doc_number,doc_country,citizenship,direction,checkpoint,event_time,visa_type,last_updated";
  /** Embassy self-registration extract (CSV, Indonesian headers; dates yyyy-MM-dd). */
  public static final String EMBASSY_RAW_COLUMNS =
      "no_registrasi,jenis_dokumen,no_paspor,negara_penerbit,nama,jenis_kelamin,tanggal_lahir,provinsi_asal,"
          + "alamat_kh,alamat_kh_provinsi,pekerjaan,tanggal_registrasi,status,terakhir_diperbarui";

  /** Record keys: a typed column present both in the conformed batch and in silver. */
  public static final String CASE_KEY = "case_no";
  public static final String CROSSING_KEY = "event_id";
  public static final String EMBASSY_KEY = "registration_no";

  // ---- bronze -------------------------------------------------------------------------------------

  public static final TableDef BRONZE_CASES = bronze("cases",
      "Protection and trafficking case extracts (embassy / immigration / police) as delivered: one row per record line, "
          + "all values raw strings, Indonesian field names. Holds raw personal identifiers: restricted. "
          + "Idempotency key: _file_checksum.",
      CASE_RAW_COLUMNS);
  public static final TableDef BRONZE_CROSSINGS = bronze("crossings",
      "Border crossing events from host immigration as delivered (daily batches): one row per record line, all values raw "
          + "strings. Holds raw personal identifiers: restricted. Idempotency key: _file_checksum.",
      CROSSING_RAW_COLUMNS);
  public static final TableDef BRONZE_EMBASSY = bronze("embassy",
      "Embassy self-registrations of citizens abroad as delivered: one row per record line, all values raw strings, "
          + "Indonesian field names. Holds raw personal identifiers: restricted. Idempotency key: _file_checksum.",
      EMBASSY_RAW_COLUMNS);

  private static TableDef bronze(String name, String comment, String rawColumns) {
    StringBuilder ddl = new StringBuilder();
    for (String c : rawColumns.split(",")) {
      ddl.append(c).append(" STRING COMMENT 'raw value as delivered', ");
    }
    ddl.append(Columns.BRONZE_META);
    return new TableDef("bronze", name, comment, ddl.toString(), List.of());
  }

  // ---- silver -------------------------------------------------------------------------------------

  public static final TableDef SILVER_CASES = new TableDef("silver", "cases",
      "Protection and trafficking cases conformed to the IOM Human Trafficking Case Data Standard (HTCDS v2.0) value names, "
          + "with the scam-compound extension (lure job, entry route, ForcedCriminality/OnlineScam): one row per case number "
          + "(latest version). Indonesian codes map through mappings/htcds_*.csv. Persons are pseudonymised with the same "
          + "document key as silver.residents, so a case links to residents and permits. Key: case_no.",
      String.join(", ",
          "case_no STRING COMMENT 'case number (no_kasus)'",
          "person_id STRING COMMENT 'HMAC-SHA256 pseudonym of the normalised document type|country|number; links to silver.residents'",
          "key_version STRING COMMENT 'version of the pseudonymisation key'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3 (HTCDS prs_Citizenship)'",
          "gender STRING COMMENT 'HTCDS prs_Gender: Feminine, Masculine, NonSpecifiedUnknown (blank at source)'",
          "sex STRING COMMENT 'M, F or U (not recorded), as in the other silver tables'",
          "birth_date DATE COMMENT 'date of birth, NULL when not recorded'",
          "age_at_report INT COMMENT 'whole years on the reported date, NULL without birth date'",
          "age_group STRING COMMENT '0-17, 18+ on the reported date, or unknown'",
          "origin_province STRING COMMENT 'province of origin in Indonesia (recruitment place), ISO 3166-2:ID; NULL when not recorded'",
          "case_type STRING COMMENT 'HumanTrafficking, OnlineScamWork, NonProceduralMigrantWorker, Overstay, LabourDispute, Deportation, Other'",
          "scam_related BOOLEAN COMMENT 'online-scam related: case_type OnlineScamWork or exploitation_subtype OnlineScam'",
          "trafficking_status STRING COMMENT 'HTCDS vic_TraffickingStatus: PossibleVictimOfTrafficking, ActualVictimOfTrafficking, NotAVictimOfTrafficking'",
          "deciding_organisation STRING COMMENT 'HTCDS: Police, NGO, CourtOrProsecution, NonPoliceGovernmentalOrganization, Other; NULL when not decided'",
          "recruitment_methods ARRAY<STRING> COMMENT 'HTCDS methods of recruitment (multi), e.g. ThroughOnlineSocialNetworks; NULL when not recorded'",
          "recruitment_platforms ARRAY<STRING> COMMENT 'HTCDS recruitment websites and apps (multi): Facebook, Telegram, WhatsApp, TikTok, ...; NULL when not recorded'",
          "lure_job STRING COMMENT 'extension: job promised at recruitment: CustomerService, InvestmentMarketing, OnlineMarketingSales, DataEntry, Translator, Other'",
          "exploitation_types ARRAY<STRING> COMMENT 'HTCDS types of exploitation (multi) plus ForcedCriminality; NULL when not recorded'",
          "exploitation_subtype STRING COMMENT 'extension: OnlineScam when a form of exploitation is forced online-scam work'",
          "control_methods ARRAY<STRING> COMMENT 'HTCDS methods of control (multi): WithholdsDocuments, PhysicalThreats, DebtBondage, ...; NULL when not recorded'",
          "entry_visa STRING COMMENT 'visa at entry to the country of exploitation: Tourist, VisaOnArrival, VisaExempt, Business, Work, IrregularEntry'",
          "entry_route STRING COMMENT 'Procedural (official placement channel) or NonProcedural'",
          "exploitation_province STRING COMMENT 'province of exploitation, ISO 3166-2:KH; NULL when not recorded'",
          "reported_date DATE COMMENT 'date the case was reported (tanggal_lapor)'",
          "identified_date DATE COMMENT 'date of the identification decision'",
          "released_date DATE COMMENT 'date rescued or released from exploitation'",
          "repatriated_date DATE COMMENT 'date repatriated'",
          "case_status STRING COMMENT 'HTCDS cas_Status: Active, FollowUp, Closed, ClosedReferred; Cancelled = entered in error (tombstone)'",
          "justice_stage STRING COMMENT 'criminal-justice stage reached: Suspected, Prosecuted, Convicted, NoProceedings; NULL when not recorded'",
          "consent BOOLEAN COMMENT 'HTCDS con_Consent to data use; without it a case is left out of non-statutory outputs'",
          "is_deleted BOOLEAN COMMENT 'case entered in error (status Cancelled); kept as a tombstone, never counted'",
          "mapping_version STRING COMMENT 'version of the htcds_*.csv mapping tables used (their newest mapping_version)'",
          Columns.SILVER_LINEAGE),
      List.of());

  public static final TableDef SILVER_CROSSINGS = new TableDef("silver", "crossings",
      "Border crossing events, typed and conformed: one row per event_id (latest version; a re-sent event is a duplicate). "
          + "Persons are pseudonymised with the same document key as silver.residents. Key: event_id.",
      String.join(", ",
          "event_id STRING COMMENT 'event identifier from the border system'",
          "person_id STRING COMMENT 'HMAC-SHA256 pseudonym of the normalised document; links to silver.residents'",
          "key_version STRING COMMENT 'version of the pseudonymisation key'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3'",
          "direction STRING COMMENT 'IN (entry) or OUT (exit)'",
          "checkpoint STRING COMMENT 'checkpoint code: PNH, REP, SAI, KOS airports; BAVET, POIPET, CHAM_YEAM, ... land crossings'",
          "checkpoint_type STRING COMMENT 'airport or land'",
          "checkpoint_province STRING COMMENT 'ISO 3166-2:KH province of the checkpoint'",
          "event_time TIMESTAMP COMMENT 'time of the crossing (local time as recorded)'",
          "event_date DATE COMMENT 'day of the crossing'",
          "visa_type STRING COMMENT 'visa code: T, VOA, EVISA (tourist), E (ordinary/business), VE (visa exempt), K (Khmer descent), D (official); NULL when not recorded (exits)'",
          "visa_class STRING COMMENT 'Tourist, Business, VisaExempt, KhmerDescent, Official; NULL when not recorded'",
          Columns.SILVER_LINEAGE),
      List.of());

  public static final TableDef SILVER_EMBASSY_REGISTRATIONS = new TableDef("silver", "embassy_registrations",
      "Self-registrations of Indonesian citizens with their embassy (lapor diri): one row per registration number "
          + "(latest version). A person may register more than once. Key: registration_no.",
      String.join(", ",
          "registration_no STRING COMMENT 'registration number (no_registrasi)'",
          "person_id STRING COMMENT 'HMAC-SHA256 pseudonym of the normalised document; links to silver.residents'",
          "key_version STRING COMMENT 'version of the pseudonymisation key'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3 of the document issuing country (IDN: the embassy registers its own citizens)'",
          "sex STRING COMMENT 'M, F or U (not recorded)'",
          "birth_date DATE COMMENT 'date of birth, NULL when not recorded'",
          "origin_province STRING COMMENT 'province of origin in Indonesia, ISO 3166-2:ID; NULL when not recorded'",
          "residence_province STRING COMMENT 'province of the address in Cambodia, ISO 3166-2:KH; NULL when not recorded'",
          "occupation STRING COMMENT 'occupation as declared (upper case, trimmed)'",
          "registration_date DATE COMMENT 'date registered (tanggal_registrasi)'",
          "status STRING COMMENT 'Active, Returned (went home), Deleted (entered in error)'",
          "is_deleted BOOLEAN COMMENT 'registration entered in error; kept as a tombstone, never counted'",
          Columns.SILVER_LINEAGE),
      List.of());

  // ---- gold ---------------------------------------------------------------------------------------

  public static final TableDef CASES_BY_MONTH = new TableDef("gold", "cases_by_month",
      "Protection cases reported in a month (month-to-date for a mid-month as-of date): one row per period x citizenship x "
          + "case_type x sex x age_group x trafficking_status. Counts of cases handled by the authorities, not prevalence. "
          + "Cases entered in error are excluded. Key: period_start.",
      String.join(", ",
          "period_start DATE COMMENT 'first day of the month'",
          "period_end DATE COMMENT 'last day of the month, or the as-of date'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3'",
          "case_type STRING COMMENT 'HumanTrafficking, OnlineScamWork, NonProceduralMigrantWorker, Overstay, ...'",
          "sex STRING COMMENT 'M, F, U (not recorded)'",
          "age_group STRING COMMENT 'age on the reported date: 0-17, 18+, unknown'",
          "trafficking_status STRING COMMENT 'identification status (HTCDS): PossibleVictimOfTrafficking, ActualVictimOfTrafficking, NotAVictimOfTrafficking'",
          "cases BIGINT COMMENT 'cases reported in the period'",
          "persons BIGINT COMMENT 'distinct persons with a case reported in the period'",
          "scam_related_cases BIGINT COMMENT 'of the cases, those related to online-scam work'",
          "scam_related_persons BIGINT COMMENT 'distinct persons with a scam-related case in the period'",
          Columns.GOLD_STAMP),
      List.of());

  public static final TableDef CASE_PROFILE = new TableDef("gold", "case_profile",
      "Profile of persons with a case reported in a period (calendar year, year to date): one row per period x attribute x value. "
          + "Unit: the person (a person's values are the union over their cases in the period). Multi-valued attributes give "
          + "shares that do not sum to 100. Only cases with consent to data use (non-statutory output). Key: period_end.",
      String.join(", ",
          "period_start DATE COMMENT 'first day of the period'",
          "period_end DATE COMMENT 'last day of the period (31 December, or the as-of date for year to date)'",
          "attribute STRING COMMENT 'recruitment_method, platform, lure_job, exploitation_type, exploitation_subtype, control_method, entry_visa, entry_route'",
          "value STRING COMMENT 'HTCDS value name'",
          "persons BIGINT COMMENT 'distinct persons with this value'",
          "persons_known BIGINT COMMENT 'distinct persons with the attribute recorded (at least one value): the share denominator'",
          "persons_in_period BIGINT COMMENT 'distinct persons with a consenting case reported in the period'",
          "share_pct DOUBLE COMMENT '100 x persons / persons_known, 2 decimals; multi-valued shares do not sum to 100'",
          Columns.GOLD_STAMP),
      List.of());

  public static final TableDef CASE_OUTCOMES = new TableDef("gold", "case_outcomes",
      "Outcomes of the cases reported in a period (the cohort): one row per period x scope (all, scam_related). A stage counts "
          + "when its date is on or before period_end. Funnel reported -> identified (as actual victim) -> released -> "
          + "repatriated in distinct persons; medians in days between consecutive stages over cases that reached both; "
          + "persons by the criminal-justice stage reached. Key: period_end.",
      String.join(", ",
          "period_start DATE COMMENT 'first day of the period'",
          "period_end DATE COMMENT 'last day of the period; stages after it are not counted'",
          "scope STRING COMMENT 'all, or scam_related'",
          "cases_reported BIGINT COMMENT 'cases reported in the period'",
          "persons_reported BIGINT COMMENT 'distinct persons with a case reported in the period'",
          "persons_identified BIGINT COMMENT 'of those, identified as actual victims by period_end'",
          "persons_released BIGINT COMMENT 'of those, released or rescued by period_end'",
          "persons_repatriated BIGINT COMMENT 'of those, repatriated by period_end'",
          "median_days_reported_to_identified DOUBLE COMMENT 'median days, cases identified by period_end'",
          "median_days_identified_to_released DOUBLE COMMENT 'median days, cases with both dates by period_end'",
          "median_days_released_to_repatriated DOUBLE COMMENT 'median days, cases with both dates by period_end'",
          "persons_suspected BIGINT COMMENT 'persons whose case reached at least the suspect stage (suspect identified, under investigation)'",
          "persons_prosecuted BIGINT COMMENT 'persons whose case reached at least prosecution'",
          "persons_convicted BIGINT COMMENT 'persons whose case reached a conviction'",
          Columns.GOLD_STAMP),
      List.of());

  public static final TableDef BORDER_FLOWS = new TableDef("gold", "border_flows",
      "Border crossings in a month (month-to-date for a mid-month as-of date): one row per period x citizenship x checkpoint x "
          + "visa_type. Events, not persons (a flow). Exits are classed by the visa recorded on exit ('unknown' when blank). "
          + "Key: period_start.",
      String.join(", ",
          "period_start DATE COMMENT 'first day of the month'",
          "period_end DATE COMMENT 'last day of the month, or the as-of date'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3'",
          "checkpoint STRING COMMENT 'checkpoint code'",
          "checkpoint_type STRING COMMENT 'airport or land'",
          "visa_type STRING COMMENT 'visa code at entry (T, VOA, EVISA, E, VE, K, D) or unknown'",
          "visa_class STRING COMMENT 'Tourist, Business, VisaExempt, KhmerDescent, Official, unknown'",
          "entries BIGINT COMMENT 'entry events'",
          "exits BIGINT COMMENT 'exit events'",
          "net_entries BIGINT COMMENT 'entries - exits'",
          Columns.GOLD_STAMP),
      List.of());

  public static final TableDef OVERSTAY = new TableDef("gold", "overstay",
      "Persons who entered on a tourist visa (T, VOA, EVISA) in a month and had not left 60 days later: one row per entry month "
          + "x citizenship. An entry on day D is left in time when the person's first exit after it (or, when the exit was "
          + "never recorded, their next entry) falls on or before D + 60 days; an exit on day 60 is in time, on day 61 is not. "
          + "Entries whose 60 days end after observed_to are pending. A person with several tourist entries in the month "
          + "counts once: overstayed if any entry overstayed, else pending if any is pending. Key: period_start.",
      String.join(", ",
          "period_start DATE COMMENT 'first day of the entry month'",
          "period_end DATE COMMENT 'last day of the entry month'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3'",
          "observed_to DATE COMMENT 'events up to this date were used: the as-of date, or for a month whose entrants have all had their 60 days, the month end + 60 days (final)'",
          "tourist_entrants BIGINT COMMENT 'distinct persons entering on a tourist visa in the month'",
          "left_in_time BIGINT COMMENT 'of those, left within 60 days (exit on day 60 included)'",
          "overstayed BIGINT COMMENT 'of those, not left by day 60'",
          "pending BIGINT COMMENT 'of those, day 60 not yet reached on observed_to and not left'",
          "overstay_pct DOUBLE COMMENT '100 x overstayed / (left_in_time + overstayed), 2 decimals'",
          Columns.GOLD_STAMP),
      List.of());

  public static final TableDef CASES_PER_100K = new TableDef("gold", "cases_per_100k",
      "Protection cases per 100,000 residents of the same citizenship (host registry), per period (calendar year or year to "
          + "date): one row per period x citizenship. Denominator: the resident stock on the last reference date inside the "
          + "period. Most victims are not registered residents: the rate relates two sources, it is not a prevalence. "
          + "Key: period_end.",
      String.join(", ",
          "period_start DATE COMMENT 'first day of the period'",
          "period_end DATE COMMENT 'last day of the period'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3'",
          "cases BIGINT COMMENT 'cases reported in the period'",
          "persons BIGINT COMMENT 'distinct persons with a case reported in the period (victims, SDG 16.2.2 unit)'",
          "residents BIGINT COMMENT 'residents of the citizenship on residents_ref_date; NULL when no stock in the period'",
          "residents_ref_date DATE COMMENT 'reference date of the denominator: the last stock date in the period'",
          "cases_per_100k DOUBLE COMMENT '100000 x cases / residents, 2 decimals'",
          "persons_per_100k DOUBLE COMMENT '100000 x persons / residents, 2 decimals'",
          Columns.GOLD_STAMP),
      List.of());

  public static final TableDef SOURCE_COMPARISON = new TableDef("gold", "source_comparison",
      "The sources side by side, never merged into one number: one row per ref_date (month end) x citizenship x source. "
          + "Sources: host_registry_residents and work_permit_holders (stocks on ref_date), embassy_registrations "
          + "(cumulative to ref_date), border_net_entries (entries - exits from period_start to ref_date), protection_cases "
          + "(reported in the month). Key: ref_date.",
      String.join(", ",
          "ref_date DATE COMMENT 'month end'",
          "citizenship STRING COMMENT 'ISO 3166 alpha-3'",
          "source STRING COMMENT 'host_registry_residents, work_permit_holders, embassy_registrations, border_net_entries, protection_cases'",
          "definition STRING COMMENT 'what the value counts, in one sentence'",
          "period_start DATE COMMENT 'start of the counting period (NULL for a stock on ref_date)'",
          "period_end DATE COMMENT 'end of the counting period (= ref_date)'",
          "value BIGINT COMMENT 'the source figure'",
          "residents BIGINT COMMENT 'host-registry residents of the citizenship on ref_date (the comparison base)'",
          "ratio_to_residents DOUBLE COMMENT 'value / residents, 4 decimals; NULL without residents'",
          Columns.GOLD_STAMP),
      List.of());

  /** Every table of this file, in layer order (part of {@link Tables#ALL}). */
  public static final List<TableDef> ALL = List.of(
      BRONZE_CASES, BRONZE_CROSSINGS, BRONZE_EMBASSY,
      SILVER_CASES, SILVER_CROSSINGS, SILVER_EMBASSY_REGISTRATIONS,
      CASES_BY_MONTH, CASE_PROFILE, CASE_OUTCOMES, BORDER_FLOWS, OVERSTAY, CASES_PER_100K, SOURCE_COMPARISON);
}
