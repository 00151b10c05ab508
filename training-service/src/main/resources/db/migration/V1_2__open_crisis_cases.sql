-- Which people have an open crisis case (from heartline.crisis opened/reopened/closed): an import that would
-- deactivate one of them says so on the report line, so district IT checks with the school before the leaver goes.
CREATE TABLE open_crisis_case (
    district  TEXT NOT NULL,
    case_id   UUID NOT NULL,
    person_id TEXT NOT NULL,
    PRIMARY KEY (district, case_id)
);
CREATE INDEX open_crisis_case_person ON open_crisis_case (district, person_id);
