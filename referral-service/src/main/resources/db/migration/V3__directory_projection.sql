-- A local projection of the directory (heartline.training), rebuilt by replaying the topic: who is in which class,
-- who teaches which class, who holds which school role. Routing and access read it; nothing else writes it.
CREATE TABLE directory_person (
    district    TEXT    NOT NULL,
    person_id   TEXT    NOT NULL,
    person_type TEXT    NOT NULL,
    active      BOOLEAN NOT NULL,
    PRIMARY KEY (district, person_id)
);

CREATE TABLE directory_student (
    district   TEXT NOT NULL,
    student_id TEXT NOT NULL,
    school     TEXT,
    class_id   TEXT,
    PRIMARY KEY (district, student_id)
);

CREATE TABLE directory_class (
    district    TEXT   NOT NULL,
    class_id    TEXT   NOT NULL,
    school      TEXT   NOT NULL,
    teacher_ids TEXT[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (district, class_id)
);
CREATE INDEX directory_class_teachers ON directory_class USING gin (teacher_ids);

CREATE TABLE directory_staff_role (
    district  TEXT NOT NULL,
    person_id TEXT NOT NULL,
    school    TEXT NOT NULL,
    role      TEXT NOT NULL,
    PRIMARY KEY (district, person_id, school, role)
);
CREATE INDEX directory_staff_role_school ON directory_staff_role (district, school, role);

-- The class teachers a CLASS_TEACHER stage was offered to (from the directory when it opened). NULL on stages
-- opened before the directory was known: those stay visible to the school's teachers as before.
ALTER TABLE referral_stage ADD COLUMN offered_to VARCHAR[];
