-- Issue 14: every sensitive read states why (purpose of use) and from which organisation; audit rows are never
-- changed or removed, by anyone and by no retention job.

-- Rows written before this migration had no stated purpose: they read as CARE, marked as defaulted (which is true).
ALTER TABLE audit_record
    ADD COLUMN purpose           TEXT    NOT NULL DEFAULT 'CARE'
        CHECK (purpose IN ('CARE', 'SAFEGUARDING', 'REVIEW', 'AUDIT')),
    ADD COLUMN purpose_defaulted BOOLEAN NOT NULL DEFAULT true,
    -- The reader's own school (null for district-level readers); `district` is the reader's district, which is
    -- also the record's (every read is scoped to the caller's district).
    ADD COLUMN actor_school      TEXT;

-- GET /api/v1/audit (school-admin: district + school; district-admin: district) and GET /api/v1/me/access-log
-- (district + the caller as subject) both start from (district, subject_id), newest first.
DROP INDEX audit_record_subject;
CREATE INDEX audit_record_subject ON audit_record (district, subject_id, at DESC, id DESC);

-- The trigger of V0_2 refuses UPDATE, DELETE and TRUNCATE for every role, the owner included (only a superuser
-- or the owner can disable it, which needs DDL rights the runtime role should not have). The grants say the same:
-- nobody but the owner holds more than INSERT and SELECT on the table. docs/platform.md: least-privilege role.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_record FROM PUBLIC;
