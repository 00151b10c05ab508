-- Tasks a psychologist hands to a department head, class teacher or other staff member (workload relief, a check-in
-- with the person, …). The assignee sees the task, the case id and the person, never notes.
CREATE TABLE case_task (
    id          uuid        PRIMARY KEY,
    case_id     uuid        NOT NULL REFERENCES crisis_case (id),
    district    text        NOT NULL,
    school      text        NOT NULL,
    assignee_id text        NOT NULL,
    kind        text        NOT NULL,
    due_at      timestamptz,
    created_at  timestamptz NOT NULL,
    done_at     timestamptz
);
CREATE INDEX case_task_assignee ON case_task (district, assignee_id, created_at DESC, id DESC);
