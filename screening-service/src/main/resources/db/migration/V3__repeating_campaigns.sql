-- A campaign may repeat by itself (the schools' monthly staff self-assessment): when it closes, the next one opens a
-- month later for the same cohort; repeated_by links each to its successor, so a repeat is created once.
ALTER TABLE campaign ADD COLUMN repeat TEXT CHECK (repeat IN ('MONTHLY'));
ALTER TABLE campaign ADD COLUMN repeat_of UUID REFERENCES campaign (id);
ALTER TABLE campaign ADD COLUMN repeated_by UUID REFERENCES campaign (id);
CREATE INDEX campaign_to_repeat ON campaign (closes_at) WHERE repeat IS NOT NULL AND repeated_by IS NULL;
