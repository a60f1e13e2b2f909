# Supervision: approvals, supervision notes, reassignment, team oversight.

transition-submit-plan = Submit the plan for approval
transition-approve-plan = Approve the plan
transition-return-plan = Send the plan back for revision

field-transition-comment = a comment for the worker
field-approval-plan = a supervisor's approval of the plan (this case type needs it: submit the plan for approval)
field-approval-plan-policy = plan approval for this case type (it is not required: advance directly)
field-approval-plan-not-submitted = a plan not yet submitted (it already awaits a supervisor's decision)
field-approval-plan-submitted = a plan submitted for approval
field-approval-closure = a supervisor's sign-off (this case type needs it)
field-note-body = The note
field-note-target-id = The record commented on
field-note-target-kind = The kind of record
field-assignment-worker-id = The social worker (another active social worker of the case's team)
field-assignment-reason = The reason
field-policy-case-type = The case type
section-assignment = assignment

audit-action-approval-policy-change = Approval policy changed

nav-approvals = Approvals
nav-approvals-count = { $count } waiting for you
nav-team = Team
nav-approval-settings = Approval settings

flash-note-added = Supervision note added.
flash-reassigned = The case has been reassigned.
flash-policy-saved = Approval settings saved.

supervision-days-ago = { $days ->
    [0] today
    [one] 1 day ago
   *[other] { $days } days ago
}
supervision-worker = Worker
supervision-requested = Asked by
supervision-list-truncated = Only the first entries are listed.

supervision-approval-plan = Plan
supervision-approval-closure = Closure
supervision-approvals-title = Approvals
supervision-approvals-intro = Plans submitted for approval and closures waiting for sign-off in your teams, oldest first. Cases you hold yourself are not listed: another supervisor decides those.
supervision-approvals-empty = Nothing is waiting for your approval.
supervision-approvals-review = Review and decide on the case page

supervision-awaiting-plan = The plan awaits a supervisor's approval.
supervision-awaiting-closure = The closure awaits a supervisor's sign-off.
supervision-awaiting-since = Asked by { $name } on { $when }.
supervision-move-comment = Comment for the worker (required; recorded in the timeline)

supervision-notes-title = Supervision notes
supervision-note-add = Add a supervision note
supervision-note-body = Supervision note
supervision-note-hint = The worker sees it here, beside this record.
supervision-note-hint-confidential = The worker sees it here, beside this record; like the record, it is kept from teammates.
supervision-note-save = Save the note

supervision-reassign-title = Reassign the case
supervision-reassign-to = Give the case to
supervision-reassign-reason = Reason (optional)
supervision-reassign-submit = Reassign
supervision-reassign-nobody = No other social worker of the team can take this case.
supervision-timeline-reassigned = Reassigned
supervision-timeline-note = Supervision note
supervision-timeline-note-on-intake = On the intake record
supervision-timeline-note-on-assessment = On the assessment
supervision-timeline-note-on-contract = On the plan and contract
supervision-timeline-note-on-session = On a session
supervision-timeline-note-on-closure = On the closure record

supervision-team-title = Team oversight
supervision-team-workload = Open cases per worker
supervision-team-total = Total
supervision-team-unassigned = Not yet taken
supervision-team-no-workers = Your teams have no social workers and no open cases.
supervision-team-alerts = Alerts
supervision-team-thresholds = No contact for { $no_contact } days; intake not taken on to assessment within { $intake } days; high or critical risk without a session for { $risk } days; a goal's target date passed during intervention.
supervision-team-no-alerts = No alerts: every open case is within its thresholds.

supervision-alert-intake-not-assessed = Intake not assessed
supervision-alert-no-contact = No contact
supervision-alert-risk-without-session = High risk without a recent session
supervision-alert-plan-past-target = Plan past its target date
supervision-alert-intake-detail = At intake for { $days } days, since { $since }.
supervision-alert-no-contact-detail = Nothing recorded with the client for { $days } days; last contact { $since }.
supervision-alert-risk-detail = Last session { $last }.
supervision-alert-risk-detail-none = No session has been held yet.
supervision-alert-plan-detail = A goal's target date passed: { $since }.

supervision-settings-title = Approval settings
supervision-settings-intro = Which steps need a supervisor's approval, for each case type of your agency. A worker whose plan needs approval submits it; a supervisor other than the case's worker approves it or sends it back with a comment. The same holds for closures.
supervision-settings-type = Case type
supervision-settings-plan = Plan (contract → intervention)
supervision-settings-closure = Closure (closure → closed)
supervision-settings-required = Approval required
supervision-settings-changed = Last changed
supervision-settings-default = Default (both required)
supervision-settings-hint = Cases already waiting keep waiting: a submitted plan can still be approved or sent back after approval is switched off.
supervision-settings-save = Save the settings
