-- The five WHO-5 answers behind a score saved from the case page's form, so the
-- form can show them again. The score itself stays in assessment_records and
-- closure_records; answers whose sum no longer gives the stored score (it was
-- changed through the API) are not shown.
CREATE TABLE who5_answers (
    case_id TEXT NOT NULL REFERENCES cases (id),
    occasion TEXT NOT NULL CHECK (occasion IN ('baseline', 'closing')),
    answers TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (case_id, occasion)
);
