## Home, case list, new case

## Home
home-title = My work
home-other-title = Welcome
home-summary-open = { $count ->
    [one] open case
   *[other] open cases
}
home-summary-high-risk = high or critical risk
home-summary-overdue = overdue
home-summary-due = { $count ->
    [one] goal due
   *[other] goals due
}
home-sign-off = Closures awaiting your sign-off
home-sign-off-empty = No closure is waiting for your sign-off.
home-queue = Intake queue
home-queue-intro = New cases of your teams at intake that nobody has taken yet, and intakes assigned to you. Oldest first.
home-queue-intro-supervisor = New cases of your teams, and of the agency without a team, at intake that nobody has taken yet, and intakes assigned to you. Oldest first.
home-queue-empty = The intake queue is empty.
home-caseload-mine = My caseload
home-caseload-teams = Open cases of my teams
home-caseload-empty = No open cases.
home-caseload-truncated = Only the first { $count } open cases are shown here.
home-see-all = See all open cases in the case list.
home-assigned-to-you = Assigned to you
home-worker = Worker: { $name }
home-unassigned = Not yet assigned
home-in-stage-since = In this stage since { $date }
home-last-change = Last change { $when }
home-admin-intro = You administer organisations, teams and accounts. Case content is not shown to administrators.
home-admin-audit = Search the audit trail
home-officer-intro = Referring members and following your referrals arrive in a later release. Case content is not shown to union officers.

## What is due, and overdue
due-title = What is due
due-intro = Goals whose target date falls in the next { $days } days, and goals whose date has passed without being reached.
due-empty = Nothing is due in the next { $days } days.
due-on = Due { $date }
due-passed = Date passed: { $date }
due-overdue-intake = Overdue: at intake for { $days ->
    [one] { $days } day
   *[other] { $days } days
}
due-overdue-no-activity = Overdue: no session or change for { $days } days
due-overdue-goal = Overdue: a goal's target date ({ $date }) has passed

## Case list
list-title = Cases
list-scope-worker = The cases of your teams and those assigned to you.
list-scope-supervisor = The cases of your teams, your agency's cases without a team, and those assigned to you.
list-filters = Filter the cases
list-filter-text = Client name, phone or case reference
list-filter-type = Type of case
list-filter-stage = Stage
list-filter-risk = Risk
list-filter-worker = Social worker
list-filter-org = Service organisation
list-filter-from = Opened from
list-filter-to = Opened until
list-filter-sort = Order
list-any = Any
list-stage-open = Every open stage
list-worker-none = Not yet assigned
list-risk-none = Not assessed
list-risk-low = Low risk
list-risk-medium = Medium risk
list-risk-high = High risk
list-risk-critical = Critical risk
list-sort-updated = Last update, newest first
list-sort-opened = Date opened, newest first
list-sort-reference = Reference
list-sort-risk = Risk, highest first
list-apply = Show
list-reset = Clear the filters
list-caption = Cases matching the filters
list-col-reference = Reference
list-col-client = Client
list-col-type = Type
list-col-stage = Stage
list-col-risk = Risk
list-col-worker = Social worker
list-col-updated = Last update
list-empty = No cases match these filters.
list-pages = Pages
list-next = Next page
list-first = First page
list-errors = Some filters cannot be used, so nothing is listed. Correct them and try again.
list-error-text = Search for at most 100 characters.
list-error-type = Choose a type of case from the list.
list-error-stage = Choose a stage from the list.
list-error-risk = Choose a risk level from the list.
list-error-worker = Choose a social worker of your agency from the list.
list-error-org = Choose your own organisation.
list-error-date = Enter a date as year-month-day, for example 2026-03-31.
list-error-period = The end of the period comes before its start.
list-error-sort = Choose an order from the list.
list-error-cursor = This page link is damaged or was made for another order.

## New case
new-case-title = New case at intake
new-case-search-legend = First, find the client
new-case-search-intro = Search by name or phone to see whether this person is already a client of your agency, and whether they have an open case.
new-case-search-name = Name
new-case-search-phone = Phone
new-case-search-submit = Search
new-case-error-search-empty = Enter a name or a phone number to search for.
new-case-error-search-name = Search for a name of at most 100 characters.
new-case-error-search-phone = Search for a phone number of at most 40 characters.
new-case-error-client = This client cannot be found among your agency's clients. Search for them again.
new-case-results-title = Clients found
new-case-results-none = No client of your agency has this name or phone. Register them below.
new-case-duplicates-title = Clients with the same name or phone
new-case-duplicate-warning = This person may already be a client. Check before registering them again.
new-case-open-cases = Open cases:
new-case-no-open-cases = No open case that you can see.
new-case-opened-on = opened { $date }
new-case-born = born { $year }
new-case-use-client = Open a new case for this client
new-case-other-client = Choose another client
new-case-existing-title = Open a case for { $name }
new-case-new-client-title = Register a new client
new-case-client-legend = The client
new-case-case-legend = The case
new-case-required = { $label } (required)
new-case-not-given = Not given
new-case-field-name = Name or the name they use
new-case-field-gender = Gender
new-case-field-birth-year = Year of birth
new-case-field-phone = Phone
new-case-field-employer = Employer
new-case-field-union-member = Union member
new-case-field-union = Union
new-case-field-district = District
new-case-field-special-groups = Special groups
new-case-field-case-type = Type of case
new-case-field-team = Team
new-case-field-worker = Social worker
new-case-team-none = No team (the whole agency)
new-case-worker-none = Not yet assigned (intake queue)
new-case-confirm = This is someone else: register a new client anyway
new-case-submit = Open the case
new-case-gender-female = Female
new-case-gender-male = Male
new-case-gender-other = Other
new-case-gender-undisclosed = Prefers not to say
new-case-group-migrant-worker = Migrant worker
new-case-group-women-four-periods = Woman worker in one of the four periods (menstruation, pregnancy, childbirth, breastfeeding)
new-case-group-economic-hardship = Economic hardship
new-case-group-disability = Disability
new-case-group-low-skills = Low skills
new-case-group-unemployed = Unemployed
new-case-error-case-type = Choose the type of case.
new-case-error-team = Choose one of your teams, or assign the case to yourself: otherwise you could not see it afterwards.
new-case-error-gender = Choose a gender from the list.
new-case-error-special-groups = Choose special groups from the list.
