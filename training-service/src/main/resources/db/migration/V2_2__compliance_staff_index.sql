-- The compliance report reads a district's active staff (20 000 of 220 000 people in the benchmark district, the
-- rest students): without this it scanned the whole person table (EXPLAIN ANALYZE in docs/training-records.md).
CREATE INDEX person_staff_active ON person (district, person_id) INCLUDE (school_id) WHERE kind = 'STAFF' AND active;
