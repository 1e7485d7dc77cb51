-- Border crossings: raw rows to the latest accepted version of each event (conform/CrossingsConform).
-- The border system's own code lists, as CrossingsConform declares them (spellings looked up normalised).
CREATE TABLE checkpoints AS SELECT DISTINCT norm(spelling) AS k, code, type FROM (VALUES
  ('PNH', 'PNH', 'airport'), ('Phnom Penh Intl', 'PNH', 'airport'), ('Phnom Penh International Airport', 'PNH', 'airport'),
  ('PP Airport', 'PNH', 'airport'),
  ('REP', 'REP', 'airport'), ('Siem Reap Intl', 'REP', 'airport'),
  ('SAI', 'SAI', 'airport'), ('Siem Reap Angkor', 'SAI', 'airport'), ('Siem Reap-Angkor Intl', 'SAI', 'airport'),
  ('KOS', 'KOS', 'airport'), ('Sihanouk Intl', 'KOS', 'airport'), ('Sihanoukville Airport', 'KOS', 'airport'),
  ('KTI', 'KTI', 'airport'), ('Techo Intl', 'KTI', 'airport'),
  ('BAVET', 'BAVET', 'land'), ('Bavet Intl', 'BAVET', 'land'), ('Bavet-Moc Bai', 'BAVET', 'land'),
  ('POIPET', 'POIPET', 'land'), ('Poi Pet', 'POIPET', 'land'), ('Poipet Intl', 'POIPET', 'land'),
  ('CHAM_YEAM', 'CHAM_YEAM', 'land'), ('Cham Yeam', 'CHAM_YEAM', 'land'), ('Chamyeam', 'CHAM_YEAM', 'land'),
  ('Koh Kong Border', 'CHAM_YEAM', 'land'),
  ('O_SMACH', 'O_SMACH', 'land'), ('O Smach', 'O_SMACH', 'land'), ('Osmach', 'O_SMACH', 'land'),
  ('PREK_CHAK', 'PREK_CHAK', 'land'), ('Prek Chak', 'PREK_CHAK', 'land'), ('Prekchak', 'PREK_CHAK', 'land'),
  ('KAORM_SAMNOR', 'KAORM_SAMNOR', 'land'), ('Kaorm Samnor', 'KAORM_SAMNOR', 'land'), ('Kaam Samnor', 'KAORM_SAMNOR', 'land'),
  ('TRAPEANG_KRIEL', 'TRAPEANG_KRIEL', 'land'), ('Trapeang Kriel', 'TRAPEANG_KRIEL', 'land'),
  ('Tropeang Kriel', 'TRAPEANG_KRIEL', 'land')) AS t(spelling, code, type);
CREATE TABLE directions AS SELECT DISTINCT norm(spelling) AS k, v FROM (VALUES
  ('IN', 'IN'), ('I', 'IN'), ('ENTRY', 'IN'), ('ARR', 'IN'), ('ARRIVAL', 'IN'),
  ('OUT', 'OUT'), ('O', 'OUT'), ('EXIT', 'OUT'), ('DEP', 'OUT'), ('DEPARTURE', 'OUT')) AS t(spelling, v);
CREATE TABLE visa_types AS SELECT DISTINCT norm(spelling) AS k, v FROM (VALUES
  ('T', 'T'), ('TOURIST', 'T'), ('T-VISA', 'T'), ('VOA', 'VOA'), ('VISA ON ARRIVAL', 'VOA'),
  ('EVISA', 'EVISA'), ('E-VISA', 'EVISA'), ('EV', 'EVISA'),
  ('E', 'E'), ('ORDINARY', 'E'), ('BUSINESS', 'E'), ('EB', 'E'), ('EG', 'E'), ('ER', 'E'), ('ES', 'E'),
  ('VE', 'VE'), ('EXEMPT', 'VE'), ('VISA EXEMPT', 'VE'), ('ASEAN', 'VE'), ('K', 'K'),
  ('D', 'D'), ('A', 'D'), ('B', 'D'), ('DIPLOMATIC', 'D'), ('OFFICIAL', 'D')) AS t(spelling, v);
CREATE TABLE visa_classes AS SELECT * FROM (VALUES
  ('T', 'Tourist'), ('VOA', 'Tourist'), ('EVISA', 'Tourist'), ('E', 'Business'), ('VE', 'VisaExempt'),
  ('K', 'KhmerDescent'), ('D', 'Official')) AS t(visa_type, visa_class);

CREATE TABLE crossings AS
WITH typed AS (
  SELECT
    code(r.event_id) AS event_id,
    document_key(r.doc_type, maps.map_citizenship[norm(r.doc_country)], r.doc_number) AS person_id,
    maps.map_citizenship[norm(r.citizenship)] AS citizenship,
    d.v AS direction, c.code AS checkpoint, c.type AS checkpoint_type,
    ymd_hms(r.event_time) AS event_time,
    v.v AS visa_type, txt(r.visa_type) IS NULL AS visa_blank,
    ymd_hms(r.last_updated) AS updated_at,
    r.extract_date, r.file_name
  FROM raw_crossings r CROSS JOIN maps
  LEFT JOIN directions d ON d.k = norm(r.direction)
  LEFT JOIN checkpoints c ON c.k = norm(r.checkpoint)
  LEFT JOIN visa_types v ON v.k = norm(r.visa_type)),
accepted AS (
  SELECT * FROM typed
  WHERE event_id IS NOT NULL
    AND person_id IS NOT NULL
    AND citizenship IS NOT NULL
    AND direction IS NOT NULL
    AND checkpoint IS NOT NULL
    AND coalesce(event_time <= updated_at, false)
    AND (visa_type IS NOT NULL OR (visa_blank AND direction = 'OUT'))
    AND updated_at IS NOT NULL)
SELECT l.event_id, l.person_id, l.citizenship, l.direction, l.checkpoint, l.checkpoint_type, l.event_time,
  l.event_time::DATE AS event_date, l.visa_type, vc.visa_class
FROM (
  SELECT * EXCLUDE (rk) FROM (
    SELECT *, row_number() OVER (PARTITION BY event_id
                                 ORDER BY updated_at DESC, extract_date DESC, file_name DESC) AS rk
    FROM accepted)
  WHERE rk = 1) l
LEFT JOIN visa_classes vc ON vc.visa_type = l.visa_type;
