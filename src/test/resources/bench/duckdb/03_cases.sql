-- Protection and trafficking cases: raw rows (Indonesian field names) to the latest accepted version of each
-- case (conform/CasesConform). Every code goes through its htcds_*.csv table; an unknown code fails a rule.
-- A multi-valued field passes when every one of its values is known (an empty list passes, like Spark's forall).
CREATE MACRO split_values(s) AS
  list_filter(list_transform(regexp_split_to_array(coalesce(s, ''), '[;|,]'), lambda x: trim(x)), lambda x: x <> '');
CREATE TABLE cases AS
WITH typed AS (
  SELECT
    code(no_kasus) AS case_no,
    document_key(jenis_dokumen,
      coalesce(maps.map_htcds_citizenship[norm(negara_penerbit)], maps.map_citizenship[norm(negara_penerbit)]),
      no_paspor) AS person_id,
    coalesce(maps.map_htcds_citizenship[norm(kewarganegaraan)], maps.map_citizenship[norm(kewarganegaraan)]) AS citizenship,
    txt(jenis_kelamin) IS NULL AS gender_blank,
    CASE WHEN txt(jenis_kelamin) IS NULL THEN 'NonSpecifiedUnknown' ELSE maps.map_gender[norm(jenis_kelamin)] END AS gender,
    dmy_dash(tanggal_lahir) AS birth_date, txt(tanggal_lahir) IS NULL AS birth_date_blank,
    txt(provinsi_asal) IS NULL OR maps.map_province_id[norm(provinsi_asal)] IS NOT NULL AS origin_province_ok,
    maps.map_case_type[norm(jenis_kasus)] AS case_type,
    maps.map_trafficking_status[norm(status_korban)] AS trafficking_status,
    txt(lembaga_penentu) IS NULL OR maps.map_organisation[norm(lembaga_penentu)] IS NOT NULL AS organisation_ok,
    coalesce(list_bool_and(list_transform(split_values(saluran_rekrutmen), lambda x: maps.map_recruitment[norm(x)] IS NOT NULL)), true)
      AS recruitment_ok,
    coalesce(list_bool_and(list_transform(split_values(platform), lambda x: maps.map_platform[norm(x)] IS NOT NULL)), true)
      AS platform_ok,
    txt(pekerjaan_dijanjikan) IS NULL OR maps.map_lure_job[norm(pekerjaan_dijanjikan)] IS NOT NULL AS lure_job_ok,
    list_transform(split_values(bentuk_eksploitasi), lambda x: maps.map_exploitation[norm(x)]) AS exploitation,
    list_filter(list_transform(split_values(bentuk_eksploitasi), lambda x: maps.map_exploitation_subtype[norm(x)]),
      lambda x: x IS NOT NULL AND x <> '') AS subtypes,
    coalesce(list_bool_and(list_transform(split_values(cara_kontrol), lambda x: maps.map_control[norm(x)] IS NOT NULL)), true)
      AS control_ok,
    txt(visa_masuk) IS NULL OR maps.map_entry_visa[norm(visa_masuk)] IS NOT NULL AS entry_visa_ok,
    txt(jalur) IS NULL OR maps.map_entry_route[norm(jalur)] IS NOT NULL AS entry_route_ok,
    txt(provinsi_eksploitasi) IS NULL OR maps.map_province[norm(provinsi_eksploitasi)] IS NOT NULL AS exploitation_province_ok,
    dmy_dash(tanggal_lapor) AS reported_date,
    dmy_dash(tanggal_identifikasi) AS identified_date, txt(tanggal_identifikasi) IS NULL AS identified_blank,
    dmy_dash(tanggal_bebas) AS released_date, txt(tanggal_bebas) IS NULL AS released_blank,
    dmy_dash(tanggal_pulang) AS repatriated_date, txt(tanggal_pulang) IS NULL AS repatriated_blank,
    maps.map_case_status[norm(status_kasus)] AS case_status,
    txt(tahap_hukum) IS NULL OR maps.map_justice_stage[norm(tahap_hukum)] IS NOT NULL AS justice_stage_ok,
    txt(persetujuan) IS NULL OR maps.map_consent[norm(persetujuan)] IS NOT NULL AS consent_ok,
    dmy_dash_hms(terakhir_diperbarui) AS updated_at,
    extract_date, file_name
  FROM raw_cases, maps),
accepted AS (
  SELECT * FROM typed
  WHERE case_no IS NOT NULL
    AND person_id IS NOT NULL
    AND citizenship IS NOT NULL
    AND (gender_blank OR gender IS NOT NULL)
    AND (birth_date_blank OR coalesce(birth_date <= reported_date, false))
    AND origin_province_ok
    AND case_type IS NOT NULL
    AND trafficking_status IS NOT NULL
    AND organisation_ok
    AND recruitment_ok AND platform_ok
    AND lure_job_ok
    AND coalesce(list_bool_and(list_transform(exploitation, lambda x: x IS NOT NULL)), true)
    AND control_ok
    AND entry_visa_ok AND entry_route_ok AND exploitation_province_ok
    AND coalesce(reported_date <= updated_at::DATE, false)
    AND (identified_blank OR coalesce(identified_date >= reported_date, false))
    AND (released_blank OR coalesce(released_date >= reported_date, false))
    AND (repatriated_blank OR coalesce(repatriated_date >= reported_date, false))
    AND (released_date IS NULL OR repatriated_blank OR coalesce(repatriated_date >= released_date, false))
    AND case_status IS NOT NULL
    AND justice_stage_ok AND consent_ok
    AND updated_at IS NOT NULL),
latest AS (
  SELECT * EXCLUDE (rk) FROM (
    SELECT *, row_number() OVER (PARTITION BY case_no
                                 ORDER BY updated_at DESC, extract_date DESC, file_name DESC) AS rk
    FROM accepted)
  WHERE rk = 1)
SELECT case_no, person_id, citizenship, case_type, trafficking_status, reported_date,
  CASE gender WHEN 'Masculine' THEN 'M' WHEN 'Feminine' THEN 'F' ELSE 'U' END AS sex,
  CASE WHEN age_years(reported_date, birth_date) IS NULL OR age_years(reported_date, birth_date) < 0 THEN 'unknown'
       WHEN age_years(reported_date, birth_date) < 18 THEN '0-17' ELSE '18+' END AS age_group,
  coalesce(case_type = 'OnlineScamWork', false)
    OR coalesce(CASE WHEN len(subtypes) > 0 THEN list_min(subtypes) END = 'OnlineScam', false) AS scam_related,
  coalesce(case_status = 'Cancelled', false) AS is_deleted
FROM latest;
