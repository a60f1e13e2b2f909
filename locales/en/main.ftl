app-name = Casework
app-tagline = Social-work case management for trade unions
home-running = Casework is running.
home-next = Staff screens are not part of this release yet; the JSON API under /api drives cases through the workflow.
home-health = Service health

## Stages of a case
stage-intake = Intake
stage-assessment = Assessment
stage-contract = Plan and contract
stage-intervention = Intervention
stage-closure = Closure and evaluation
stage-closed = Closed

## Transitions
transition-advance = Advance to the next stage
transition-step-back = Step back to revise
transition-close-early = Close early
transition-approve-closure = Approve closure
transition-send-back = Send back to intervention
transition-reopen = Reopen

## Case types
case-type-counselling = Counselling
case-type-family-mediation = Family mediation
case-type-labour-dispute = Labour dispute
case-type-special-group = Special-group assistance

## Editable sections
section-details = Case details
section-intake = Intake record
section-assessment = Assessment
section-contract = Plan and contract
section-sessions = Session log
section-closure = Closure record

## Fields
field-case-assigned-worker = an assigned social worker
field-case-client-id = client
field-case-organisation-id = serving organisation
field-case-team-id = team
field-case-assigned-worker-id = assigned social worker
field-client-full-name = name
field-client-phone = phone
field-client-employer = employer
field-client-district = district
field-client-birth-year = year of birth
field-client-union-id = union
field-intake-channel = intake channel
field-intake-presenting-problem = presenting problem
field-intake-urgency = urgency
field-intake-consent-service = informed consent to the service
field-intake-consent-sensitive = consent to process sensitive personal information
field-intake-guardian-consent = a guardian's consent (client under 14)
field-assessment-physiological = physiological dimension
field-assessment-psychological = psychological dimension
field-assessment-social = social dimension
field-assessment-risk-level = risk level
field-assessment-risk-screening = risk screening
field-assessment-needs = needs
field-assessment-strengths = strengths
field-assessment-who5-baseline = baseline WHO-5 score
field-contract-goals = at least one goal
field-contract-goal-indicators = a measurable indicator for every goal
field-contract-goals-description = goal description
field-contract-goals-indicator = goal indicator
field-contract-goals-id = goal
field-contract-services = agreed services and their frequency
field-contract-frequency = frequency
field-contract-client-agreement = the client's agreement and its date
field-intervention-sessions = at least one logged session
field-session-duration-minutes = duration in minutes
field-session-held-on = session date
field-session-participants = participants
field-session-notes = session notes
field-session-services-delivered = services delivered
field-closure-reason = closure reason
field-closure-goal-attainment = attainment of every goal
field-closure-who5-closing = closing WHO-5 score
field-closure-satisfaction = client satisfaction
field-closure-summary = the worker's summary
field-closure-follow-up-plan = follow-up plan
field-transition-reason = a reason
field-transition-closure-reason = an early-closure reason (service declined, referred out, client unreachable, moved away, other)
field-details-case-type = details of the case's own type
field-details-self-harm-screening = self-harm screening
field-details-parties = parties
field-details-conflict = conflict
field-details-employer = employer
field-details-workers-affected = workers affected
field-details-amount-in-dispute = amount in dispute
field-details-amount-recovered = amount recovered
field-details-outcome = outcome
field-details-resources-linked = resources linked

field-query-stage = stage
field-query-case-type = case type
field-query-limit = number of rows
field-transition-transition = transition

## Problems with a field
problem-required = { $field } is required.
problem-too-long = { $field } is too long: at most { $max } characters.
problem-out-of-range = { $field } must be between { $min } and { $max }.
problem-unknown = { $field } does not exist or cannot be used here.
problem-in-future = { $field } cannot be in the future.
problem-taken = This { $field } is already in use.
problem-incorrect = { $field } is not correct.
problem-password-too-short = The password must have at least { $min } characters.
problem-password-too-common = This password is too common or too easy to guess: choose a longer phrase that is not built from your name.

## Errors
error-not-found = Not found: there is no such record, or it is not yours to see.
error-conflict = Someone else changed this case in the meantime (it is now at version { $current }). Nothing was saved: reload the case and apply your change again.
error-refused-stage = The case is in { $stage }: "{ $transition }" is not possible from this stage.
error-refused-role = The case is in { $stage }: your role may not perform "{ $transition }".
error-refused-own-case = The case is in { $stage }: "{ $transition }" must be done by a supervisor other than the case's own worker.
error-refused-missing = The case is in { $stage }: "{ $transition }" needs { $missing } first.
error-open-transitions = Possible now: { $open }.
error-no-open-transitions = No transition is open to you from this stage.
error-edit-refused = The case is in { $stage }: the { $section } cannot be changed in this stage.
error-invalid = Some fields need attention; nothing was saved.
error-bad-request = The request could not be read: { $detail }
error-malformed-id = "{ $id }" is not a valid id.
error-unauthenticated = Sign-in is required.
error-bad-credentials = Wrong login name or password.
error-throttled = Too many failed sign-in attempts. Please wait 15 minutes and try again.
error-csrf = This request could not be verified as coming from your own Casework page; nothing was changed. Reload the page and try again.
error-forbidden = You may see this case but not do this; nothing was changed.
error-payload-too-large = The request is too large; nothing was saved.
error-unavailable = The database is busy or unreachable; nothing was saved. Please try again.
error-internal = Something went wrong on our side; nothing was saved. The error has been logged.
list-separator = ,{" "}

## Accounts and pages
sign-in-title = Sign in
sign-in-username = Login name
sign-in-password = Password
sign-in-submit = Sign in
sign-out = Sign out
signed-in-as = Signed in as { $name }.
setup-title = Set up Casework
setup-intro = Nobody can sign in yet. Create your organisation and the first administrator account; this link works once.
setup-organisation-name = Organisation name
setup-organisation-kind = Kind of organisation
setup-display-name = Your name
setup-password-hint = At least 12 characters; a phrase of several words is easiest to remember.
setup-submit = Create the administrator
setup-invalid-link = This setup link is not valid: it was already used, has expired, or an administrator exists. Ask the person who installed Casework, or run "casework create-user".
role-social-worker = Social worker
role-supervisor = Supervisor
role-union-officer = Union officer
role-administrator = Administrator
organisation-kind-national-union = National union
organisation-kind-provincial-union = Provincial union
organisation-kind-city-union = City union
organisation-kind-district-union = District union
organisation-kind-grassroots-union = Grassroots or enterprise union
organisation-kind-agency = Social-work service agency
field-account-username = login name
field-account-display-name = name
field-account-password = password
field-account-new-password = new password
field-account-organisation-id = organisation
field-account-team-ids = team
field-setup-organisation-name = organisation name
field-setup-organisation-kind = kind of organisation
field-organisation-name = organisation name
field-organisation-parent-id = parent organisation
field-team-name = team name
field-team-organisation-id = organisation
field-member-user-id = user
field-query-action = action
field-account-current-password = current password
