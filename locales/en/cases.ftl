## Case page and stage forms

## Case page
case-stage = Stage
case-worker = Social worker
case-risk = Risk
case-risk-unassessed = not yet assessed
case-opened = Opened
case-progress = Progress through the stages
case-progress-done = done
case-current-stage = Current stage: { $stage }
case-closed-title = This case is closed
case-closed-read-only = A closed case is read-only. A supervisor can reopen it into assessment.
case-read-only = You can read this case, but only its social worker and the team's supervisors can change it or move it on.
case-nothing-recorded = Nothing recorded yet.
case-withheld = Withheld (confidential)
case-withheld-note = Some confidential fields (counselling notes, risk screening, conflict details) are withheld: only the case's social worker and supervisors can read them.
case-confidential-hint = Confidential: only the case's social worker and supervisors can read this.
case-recorded-by = Recorded by { $name }, { $when }
case-access-log = Who has seen this case
case-moves = Move the case
case-moves-hint = Only the moves open to you in this stage are shown. Anything still missing is named beside its field.
case-client = Client
case-client-name = Name
case-client-gender = Gender
case-client-birth-year = Year of birth
case-client-phone = Phone
case-client-employer = Employer
case-client-union-member = Union member
case-client-district = District
case-client-groups = Special groups

## Timeline
case-timeline = Timeline
case-timeline-opened = Case opened at intake
case-timeline-session = Session logged
case-timeline-saved = { $section } saved

## Vocabularies
case-channel-union-referral = Union referral
case-channel-self-referral-online = Self-referral online
case-channel-hotline = Hotline
case-channel-walk-in = Walk-in
case-channel-outreach-screening = Outreach screening
case-urgency-routine = Routine
case-urgency-soon = Soon (within a week)
case-urgency-urgent = Urgent (within 48 hours)
case-urgency-emergency = Emergency (today)
case-risk-low = Low
case-risk-medium = Medium
case-risk-high = High
case-risk-critical = Critical
case-mode-face-to-face = Face to face
case-mode-phone = Phone
case-mode-online = Online
case-mode-home-visit = Home visit
case-mode-group = Group
case-closure-reason-goals-achieved = Goals achieved
case-closure-reason-service-declined = Service declined
case-closure-reason-referred-out = Referred out
case-closure-reason-client-unreachable = Client unreachable
case-closure-reason-moved-away = Moved away
case-closure-reason-other = Other
case-concern-stress = Stress
case-concern-anxiety = Anxiety
case-concern-grief = Grief
case-concern-trauma = Trauma
case-concern-work-pressure = Work pressure
case-concern-other = Other
case-dispute-category-wage-arrears = Wage arrears
case-dispute-category-contract = Labour contract
case-dispute-category-dismissal = Dismissal
case-dispute-category-work-injury = Work injury
case-dispute-category-social-insurance = Social insurance
case-dispute-category-working-hours = Working hours
case-dispute-category-collective = Collective dispute
case-dispute-route-consultation = Consultation
case-dispute-route-mediation = Mediation
case-dispute-route-arbitration = Arbitration
case-dispute-route-litigation = Litigation
case-group-migrant-worker = Migrant worker
case-group-women-four-periods = Woman worker in the "four periods"
case-group-economic-hardship = Economic hardship
case-group-disability = Disability
case-group-low-skills = Low skills
case-group-unemployed = Unemployed
case-need-jobs = Jobs
case-need-training = Training
case-need-financial-aid = Financial aid
case-need-medical = Medical care
case-need-childcare = Childcare
case-gender-female = Female
case-gender-male = Male
case-gender-other = Other
case-gender-undisclosed = Not stated

## Forms: common
form-go-to-form = Go to the form
form-save = Save
form-yes = Yes
form-no = No
form-not-yet-known = Not yet known
form-money-hint = Amounts in yuan, with at most two decimals (for example 3600.50).
form-money-format = Enter an amount in yuan with at most two decimals, such as 3600.50.
form-money-range = Enter an amount between ¥0.00 and { $max }.

## Intake
form-intake-channel = How the case came in
form-intake-presenting-problem = Presenting problem (in the client's words)
form-intake-urgency = Urgency
form-intake-consents = Consent
form-intake-consents-hint = Explain the service and how personal information is used before recording consent. Consent to sensitive personal information (health, family, finances) is asked for separately.
form-intake-consent-service = The client gave informed consent to the service
form-intake-consent-sensitive = The client consented to the processing of sensitive personal information
form-intake-guardian-consent = A guardian consented
form-intake-guardian-hint = A guardian's consent is needed only when the client may be under 14.
form-intake-guardian-needed = This client may be under 14 (only the year of birth is known): a guardian's consent is needed before assessment.
form-intake-consent-recorded = Consent recorded by { $name }, { $when }.

## Assessment
form-assessment-dimensions = Bio-psycho-social assessment
form-assessment-physiological = Physiological (health, sleep, physical condition)
form-assessment-psychological = Psychological (mood, thoughts, coping)
form-assessment-social = Social (family, work, support network)
form-assessment-risk = Risk
form-assessment-risk-level = Risk level
form-assessment-risk-screening = Risk screening (what the level is based on)
form-assessment-needs = Needs
form-assessment-strengths = Strengths
form-assessment-who5 = Baseline WHO-5 well-being index

## WHO-5
who5-title = WHO-5 well-being index
who5-intro = Ask the client how they have been feeling over the last two weeks, and mark the answer closest to theirs for each statement.
who5-item-1 = I have felt cheerful and in good spirits
who5-item-2 = I have felt calm and relaxed
who5-item-3 = I have felt active and vigorous
who5-item-4 = I woke up feeling fresh and rested
who5-item-5 = My daily life has been filled with things that interest me
who5-answer-5 = All of the time
who5-answer-4 = Most of the time
who5-answer-3 = More than half of the time
who5-answer-2 = Less than half of the time
who5-answer-1 = Some of the time
who5-answer-0 = At no time
who5-scoring = The score (0-100) is calculated when you save: the sum of the five answers × 4. A score of 50 or below suggests poor well-being.
who5-saved = Saved score: { $score } / 100. Answer all five statements again only to replace it.

## Plan and contract
form-contract-goals = Goals
form-contract-goals-hint = Each goal needs a measurable indicator. Leave a row empty to skip it; save to get two more empty rows.
form-contract-goal-n = Goal { $n }
form-contract-goal-description = What the client wants to achieve
form-contract-goal-indicator = Measurable indicator
form-contract-goal-target-date = Target date
form-contract-goal-remove = Remove this goal
form-contract-no-goals = No goals yet.
form-contract-services = Agreed services
form-contract-frequency = Frequency (for example, weekly for eight weeks)
form-contract-agreement = The client's agreement
form-contract-client-agreed = The client agreed to the plan
form-contract-agreed-on = Date of agreement

## Intervention
form-session-new = Log a session
form-session-save = Log the session
form-session-none = No sessions logged yet.
form-session-held-on = Date of the session
form-session-duration = Duration (minutes)
form-session-minutes = { $n } min
form-session-mode = Mode
form-session-participants = Participants
form-session-notes = Notes
form-session-progress-hint = Rate the progress on each goal of the plan at this session; leave a goal blank if it was not worked on.
case-progress-worse = Moved away from the goal
case-progress-no-change = No change
case-progress-some = Some progress
case-progress-good = Good progress
case-progress-achieved = Goal reached
form-session-progress = Progress on the goals
form-session-progress-note = Note on this goal
form-session-services = Services delivered

## Closure
form-closure-reason = Reason for closing
form-closure-gas = Goal attainment scale
form-closure-gas-hint = Rate how far each goal of the plan was reached, from −2 (much less than expected) to +2 (much more than expected).
form-closure-attainment = Attainment
form-closure-who5 = WHO-5 at closure
form-closure-satisfaction = Client satisfaction
form-closure-summary = The worker's summary
form-closure-follow-up = Follow-up plan
gas-minus-2 = much less than expected
gas-minus-1 = somewhat less than expected
gas-0 = expected level
gas-plus-1 = somewhat more than expected
gas-plus-2 = much more than expected
form-satisfaction-1 = Very dissatisfied
form-satisfaction-2 = Dissatisfied
form-satisfaction-3 = Neither satisfied nor dissatisfied
form-satisfaction-4 = Satisfied
form-satisfaction-5 = Very satisfied

## Details
form-details-concern = Main concern
form-details-self-harm-screening = Self-harm risk screening
form-details-preferred-mode = Preferred mode of sessions
form-details-parties = Parties
form-details-conflict = The conflict
form-details-agreement-reached = Agreement reached
form-details-employer = Employer
form-details-category = Kind of dispute
form-details-workers-affected = Workers affected
form-details-amount-in-dispute = Amount in dispute (yuan)
form-details-amount-recovered = Amount recovered (yuan)
form-details-route = Route
form-details-outcome = Outcome
form-details-groups = Groups the client belongs to
form-details-needs = Needs
form-details-resources-linked = Resources linked

## Moves
form-move-reason = Reason (recorded in the timeline)
form-move-note = Note (optional)
form-move-closure-reason = Why the case closes early

## Refused saves
form-conflict-alert = Someone else saved this case while you were working on it, so nothing of yours was saved yet.
form-csrf-alert = This page was out of date (you may have signed out and in again in another tab), so nothing was saved. What you typed is kept in the form below: check it and send it again.
form-conflict-title = What changed
form-conflict-intro = These fields now hold something different from what you typed:
form-conflict-saved = Saved now
form-conflict-yours = Your version
form-conflict-no-changes = The fields of this form still hold what you typed; the change was elsewhere in the case (see the timeline).
form-conflict-kept = Your text is kept in the form below, now based on the latest version: check it and save again.
form-conflict-session = The case changed since you opened it (see the timeline). Your session is kept in the form below and has not been logged yet.
form-conflict-duplicate-session = A session with this date, duration, mode and participants is already in the log: your first submission was saved. Log it again only if it was a different session.
form-conflict-transition = The case changed since you opened it; it is now in { $stage }. Check the timeline before you try again.
form-unsaved-title = What you typed (not saved)
form-unsaved-intro = This form is no longer open in the case's current stage. Copy what you need from here:
form-signed-out-title = Your session has ended
form-signed-out-intro = You were signed out (after a while without activity, or from another window), so nothing was saved. What you typed is below: sign in again, open the case and enter it again.
form-signed-out-sign-in = Sign in again (new tab)
form-signed-out-case = Back to the case

## Extra field names for messages
field-assessment-who5-items = an answer to each of the five WHO-5 statements
field-closure-who5-items = an answer to each of the five WHO-5 statements
field-contract-goals-target-date = goal target date
field-contract-agreed-on = date of agreement
field-session-mode = session mode
field-details-concern = main concern
field-details-preferred-mode = preferred mode
field-details-category = kind of dispute
field-details-route = route
field-details-agreement-reached = agreement reached
field-details-groups = groups
field-details-needs = needs
