-- Progress on each goal of the plan, rated at each intervention session (介入).
-- The goal's wording is copied, and the link is cleared if the plan later drops
-- the goal, so that a revised plan never rewrites or loses what a session recorded.
CREATE TABLE session_goal_progress (
    id TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES sessions (id),
    goal_id TEXT REFERENCES goals (id) ON DELETE SET NULL,
    goal_description TEXT NOT NULL,
    progress TEXT NOT NULL CHECK (progress IN ('worse', 'no_change', 'some', 'good', 'achieved')),
    note TEXT,
    UNIQUE (session_id, goal_id)
);
CREATE INDEX session_goal_progress_goal ON session_goal_progress (goal_id);
