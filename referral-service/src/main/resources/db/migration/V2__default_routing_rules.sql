-- The built-in district defaults (API.md), in force for every district until its district-admin replaces them.
-- Mirrors io.heartline.referral.routing.DefaultRules; a test checks that the two agree.
INSERT INTO routing_rule_set (id, scope, scope_id, version, changed_by, changed_role, changed_at)
VALUES ('00000000-0000-7000-8000-000000000001', 'DEFAULT', '*', 1, 'system', 'system', now());

INSERT INTO routing_rule (rule_set_id, position, risk_level, subject_type, source, urgency, tier, accept_within)
VALUES ('00000000-0000-7000-8000-000000000001', 0, 'CRITICAL', NULL, NULL, NULL,        'SCHOOL_CENTRE',       'PT2H'),
       ('00000000-0000-7000-8000-000000000001', 1, NULL,       NULL, NULL, 'EMERGENCY', 'SCHOOL_CENTRE',       'PT2H'),
       ('00000000-0000-7000-8000-000000000001', 2, 'HIGH',     NULL, NULL, NULL,        'SCHOOL_CENTRE',       'PT24H'),
       ('00000000-0000-7000-8000-000000000001', 3, 'MODERATE', NULL, NULL, NULL,        'SCHOOL_PSYCHOLOGIST', 'PT48H'),
       ('00000000-0000-7000-8000-000000000001', 4, 'LOW',      NULL, NULL, NULL,        'CLASS_TEACHER',       'PT72H');
