-- Class psychology representatives (心理委员): students a class appoints to notice classmates in difficulty. The
-- whole set of a class is replaced when it is changed; history is not needed beyond who appointed them and when.
CREATE TABLE class_representative (
    district     TEXT        NOT NULL,
    class_id     TEXT        NOT NULL,
    student_id   TEXT        NOT NULL,
    appointed_at TIMESTAMPTZ NOT NULL,
    appointed_by TEXT        NOT NULL,
    PRIMARY KEY (district, class_id, student_id)
);
