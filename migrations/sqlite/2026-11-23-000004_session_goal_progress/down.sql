DROP TABLE session_goal_progress;
