-- A school id is unique only within its district: a school's rule set is keyed by (district, school), never by the
-- school id alone. DEFAULT sets have no district; a DISTRICT set's district is its scope id.
ALTER TABLE routing_rule_set ADD COLUMN district TEXT;

-- The history is append-only (trigger); this one backfill of the new column is the deliberate exception.
ALTER TABLE routing_rule_set DISABLE TRIGGER routing_rule_set_no_update;
UPDATE routing_rule_set SET district = scope_id WHERE scope = 'DISTRICT';
ALTER TABLE routing_rule_set ENABLE TRIGGER routing_rule_set_no_update;
-- School sets written before this version have no district: they no longer match any school (pre-release data).

ALTER TABLE routing_rule_set DROP CONSTRAINT routing_rule_set_scope_scope_id_version_key;
CREATE UNIQUE INDEX routing_rule_set_version ON routing_rule_set (scope, COALESCE(district, ''), scope_id, version);
