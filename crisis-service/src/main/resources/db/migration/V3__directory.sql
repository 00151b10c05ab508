-- Projection of the directory's person events (heartline.training): who holds which school role. The lead check
-- uses it to refuse a lead the directory knows is not psychology staff of the case's school.
CREATE TABLE directory_person (
    district  text    NOT NULL,
    person_id text    NOT NULL,
    active    boolean NOT NULL,
    PRIMARY KEY (district, person_id)
);
CREATE TABLE directory_role (
    district  text NOT NULL,
    person_id text NOT NULL,
    school_id text NOT NULL,
    role      text NOT NULL,
    PRIMARY KEY (district, person_id, school_id, role)
);
