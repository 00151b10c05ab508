-- Issue 11, remaining parts (docs/training-records.md): county-level events per person and year for the full-time
-- psychology teachers' rule, its per-district setting, and certificate revocation.

-- Events at county level or above (hours_credit.event_level COUNTY, MUNICIPAL, CITY, PROVINCIAL, NATIONAL,
-- INTERNATIONAL) per person and year, kept beside the hours by HoursLedger.credit.
ALTER TABLE hours_year ADD COLUMN county_events INTEGER NOT NULL DEFAULT 0;
UPDATE hours_year h SET county_events = e.n
FROM (SELECT district, person_id, year, count(*) AS n FROM hours_credit
      WHERE event_level IN ('COUNTY', 'MUNICIPAL', 'CITY', 'PROVINCIAL', 'NATIONAL', 'INTERNATIONAL')
      GROUP BY district, person_id, year) e
WHERE h.district = e.district AND h.person_id = e.person_id AND h.year = e.year;

-- Events a year required of full-time psychology teachers, per district (configured default when no row).
CREATE TABLE county_events_requirement (
    district   TEXT        PRIMARY KEY,
    events     INTEGER     NOT NULL CHECK (events >= 0 AND events <= 100),
    updated_by TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Revocation: who and why (a code; the optional note stays here, never in events or the public verification).
ALTER TABLE certificate ADD COLUMN revoked_by TEXT;
ALTER TABLE certificate ADD COLUMN revoke_reason TEXT;
ALTER TABLE certificate ADD COLUMN revoke_note TEXT;
