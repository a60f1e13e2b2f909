//! The one portable schema for both backends: ids and codes as text, times as
//! naive timestamps holding UTC, money as BIGINT fen.
//!
//! Written by hand to match `migrations/*`; `tests/migrations.rs` checks that
//! every table here can be read on both backends after the migrations run.

diesel::table! {
    organisations (id) {
        id -> Text,
        name -> Text,
        kind -> Text,
        parent_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    teams (id) {
        id -> Text,
        organisation_id -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        organisation_id -> Text,
        display_name -> Text,
        role -> Text,
        created_at -> Timestamp,
        username -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        password_changed_at -> Nullable<Timestamp>,
        disabled_at -> Nullable<Timestamp>,
        is_demo -> Bool,
    }
}

diesel::table! {
    team_members (team_id, user_id) {
        team_id -> Text,
        user_id -> Text,
        added_at -> Timestamp,
    }
}

diesel::table! {
    auth_sessions (id) {
        id -> Text,
        user_id -> Text,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        client_address -> Text,
    }
}

diesel::table! {
    setup_tokens (id) {
        id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        occurred_at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        outcome -> Text,
        record_type -> Nullable<Text>,
        record_id -> Nullable<Text>,
        case_id -> Nullable<Text>,
        client_address -> Text,
        detail -> Nullable<Text>,
    }
}

diesel::table! {
    clients (id) {
        id -> Text,
        full_name -> Text,
        gender -> Nullable<Text>,
        birth_year -> Nullable<Integer>,
        phone -> Nullable<Text>,
        employer -> Nullable<Text>,
        union_member -> Bool,
        union_id -> Nullable<Text>,
        district -> Nullable<Text>,
        special_groups -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    case_reference_counters (year) {
        year -> Integer,
        last_number -> BigInt,
    }
}

diesel::table! {
    cases (id) {
        id -> Text,
        reference -> Text,
        case_type -> Text,
        client_id -> Text,
        organisation_id -> Text,
        team_id -> Nullable<Text>,
        assigned_worker_id -> Nullable<Text>,
        stage -> Text,
        risk_level -> Nullable<Text>,
        version -> BigInt,
        created_by -> Text,
        opened_at -> Timestamp,
        updated_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    intake_records (case_id) {
        case_id -> Text,
        channel -> Nullable<Text>,
        presenting_problem -> Nullable<Text>,
        urgency -> Nullable<Text>,
        consent_service -> Bool,
        consent_sensitive -> Bool,
        guardian_consent -> Bool,
        consent_recorded_by -> Nullable<Text>,
        consent_recorded_at -> Nullable<Timestamp>,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    assessment_records (case_id) {
        case_id -> Text,
        physiological -> Nullable<Text>,
        psychological -> Nullable<Text>,
        social -> Nullable<Text>,
        risk_level -> Nullable<Text>,
        risk_screening -> Nullable<Text>,
        needs -> Nullable<Text>,
        strengths -> Nullable<Text>,
        who5_baseline -> Nullable<Integer>,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    contract_records (case_id) {
        case_id -> Text,
        services -> Nullable<Text>,
        frequency -> Nullable<Text>,
        client_agreed -> Bool,
        agreed_on -> Nullable<Date>,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    goals (id) {
        id -> Text,
        case_id -> Text,
        position -> Integer,
        description -> Text,
        indicator -> Nullable<Text>,
        target_date -> Nullable<Date>,
        attainment -> Nullable<Integer>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    session_goal_progress (id) {
        id -> Text,
        session_id -> Text,
        goal_id -> Nullable<Text>,
        goal_description -> Text,
        progress -> Text,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        case_id -> Text,
        held_on -> Date,
        duration_minutes -> Integer,
        mode -> Text,
        participants -> Nullable<Text>,
        notes -> Nullable<Text>,
        services_delivered -> Nullable<Text>,
        recorded_by -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    closure_records (case_id) {
        case_id -> Text,
        reason -> Nullable<Text>,
        who5_closing -> Nullable<Integer>,
        satisfaction -> Nullable<Integer>,
        summary -> Nullable<Text>,
        follow_up_plan -> Nullable<Text>,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    counselling_details (case_id) {
        case_id -> Text,
        concern -> Nullable<Text>,
        self_harm_screening -> Nullable<Text>,
        preferred_mode -> Nullable<Text>,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    mediation_details (case_id) {
        case_id -> Text,
        parties -> Nullable<Text>,
        conflict -> Nullable<Text>,
        agreement_reached -> Nullable<Bool>,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    labour_dispute_details (case_id) {
        case_id -> Text,
        employer -> Nullable<Text>,
        category -> Nullable<Text>,
        workers_affected -> Nullable<Integer>,
        amount_in_dispute -> Nullable<BigInt>,
        route -> Nullable<Text>,
        outcome -> Nullable<Text>,
        amount_recovered -> Nullable<BigInt>,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    special_group_details (case_id) {
        case_id -> Text,
        groups -> Text,
        needs -> Text,
        resources_linked -> Nullable<Text>,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    case_transitions (id) {
        id -> Text,
        case_id -> Text,
        version_after -> BigInt,
        transition -> Text,
        from_stage -> Text,
        to_stage -> Text,
        actor_id -> Text,
        reason -> Nullable<Text>,
        closure_reason -> Nullable<Text>,
        occurred_at -> Timestamp,
        stage_entered_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_stays (id) {
        id -> Text,
        case_id -> Text,
        organisation_id -> Text,
        team_id -> Nullable<Text>,
        case_type -> Text,
        client_id -> Text,
        stage -> Text,
        ended_at -> Timestamp,
        hours -> BigInt,
    }
}

diesel::table! {
    evaluation_closings (id) {
        id -> Text,
        case_id -> Text,
        organisation_id -> Text,
        team_id -> Nullable<Text>,
        case_type -> Text,
        client_id -> Text,
        worker_id -> Nullable<Text>,
        closed_at -> Timestamp,
        reason -> Nullable<Text>,
        satisfaction -> Nullable<Integer>,
        who5_baseline -> Nullable<Integer>,
        who5_closing -> Nullable<Integer>,
        goals_minus_2 -> BigInt,
        goals_minus_1 -> BigInt,
        goals_0 -> BigInt,
        goals_plus_1 -> BigInt,
        goals_plus_2 -> BigInt,
        goals_unrated -> BigInt,
        superseded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    service_agreements (union_id, agency_id) {
        union_id -> Text,
        agency_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    referrals (id) {
        id -> Text,
        source -> Text,
        union_id -> Nullable<Text>,
        referred_by -> Nullable<Text>,
        agency_id -> Text,
        member_name -> Text,
        member_phone -> Nullable<Text>,
        member_gender -> Nullable<Text>,
        member_birth_year -> Nullable<Integer>,
        member_employer -> Nullable<Text>,
        contact_time -> Nullable<Text>,
        concern -> Text,
        suggested_type -> Nullable<Text>,
        urgency -> Text,
        consent_by -> Text,
        consent_on -> Date,
        status -> Text,
        case_id -> Nullable<Text>,
        outcome_summary -> Nullable<Text>,
        receipt_hash -> Nullable<Text>,
        client_address -> Nullable<Text>,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        /// Migration 000011: `Urgency::rank` of `urgency`, for the queue's order.
        urgency_rank -> Integer,
        /// Migration 000012: the public form's token (self-referrals only).
        form_token -> Nullable<Text>,
    }
}

diesel::table! {
    referral_events (id) {
        id -> Text,
        referral_id -> Text,
        kind -> Text,
        actor_id -> Nullable<Text>,
        note -> Nullable<Text>,
        occurred_at -> Timestamp,
    }
}

diesel::table! {
    resources (id) {
        id -> Text,
        name -> Text,
        category -> Text,
        contact -> Nullable<Text>,
        address -> Nullable<Text>,
        notes -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    outbound_referrals (id) {
        id -> Text,
        case_id -> Text,
        resource_id -> Text,
        request -> Text,
        status -> Text,
        feedback -> Nullable<Text>,
        referred_by -> Text,
        referred_at -> Timestamp,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    case_transfers (id) {
        id -> Text,
        case_id -> Text,
        from_organisation_id -> Text,
        from_worker_id -> Nullable<Text>,
        to_organisation_id -> Text,
        to_worker_id -> Nullable<Text>,
        reason -> Text,
        status -> Text,
        requested_by -> Text,
        requested_at -> Timestamp,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        decision_note -> Nullable<Text>,
        /// Migration 000009: `transfer` or `reassignment`.
        kind -> Text,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        user_id -> Text,
        kind -> Text,
        label -> Text,
        link -> Text,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(cases -> clients (client_id));
diesel::joinable!(cases -> organisations (organisation_id));
diesel::joinable!(goals -> cases (case_id));
diesel::joinable!(sessions -> cases (case_id));
diesel::joinable!(session_goal_progress -> sessions (session_id));
diesel::joinable!(case_transitions -> cases (case_id));
diesel::joinable!(team_members -> users (user_id));
diesel::joinable!(team_members -> teams (team_id));
diesel::joinable!(auth_sessions -> users (user_id));
diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(audit_events -> users (actor_id));
diesel::joinable!(referral_events -> referrals (referral_id));
diesel::joinable!(outbound_referrals -> resources (resource_id));
diesel::joinable!(outbound_referrals -> cases (case_id));
diesel::joinable!(case_transfers -> cases (case_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    teams,
    users,
    clients,
    cases,
    goals,
    sessions,
    session_goal_progress,
    service_agreements,
    referrals,
    referral_events,
    resources,
    outbound_referrals,
    case_transfers,
    notifications,
    case_transitions,
    team_members,
    auth_sessions,
    audit_events,
    intake_records,
    assessment_records,
    contract_records,
    closure_records,
    approval_policies,
    approval_requests,
    supervision_notes,
    case_assignments,
);

// --- supervision (migration 000006) ---

diesel::table! {
    approval_policies (organisation_id, case_type) {
        organisation_id -> Text,
        case_type -> Text,
        plan_required -> Bool,
        closure_required -> Bool,
        updated_by -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    approval_requests (case_id) {
        case_id -> Text,
        kind -> Text,
        requested_by -> Text,
        requested_at -> Timestamp,
    }
}

diesel::table! {
    supervision_notes (id) {
        id -> Text,
        case_id -> Text,
        target_kind -> Text,
        target_id -> Text,
        author_id -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    case_assignments (id) {
        id -> Text,
        case_id -> Text,
        from_worker_id -> Nullable<Text>,
        to_worker_id -> Text,
        assigned_by -> Text,
        reason -> Nullable<Text>,
        assigned_at -> Timestamp,
    }
}

diesel::joinable!(approval_requests -> cases (case_id));
diesel::joinable!(supervision_notes -> cases (case_id));
diesel::joinable!(case_assignments -> cases (case_id));

// --- one-time form tokens (migration 2026-12-03-000020) ---

diesel::table! {
    form_submissions (token) {
        token -> Text,
        user_id -> Text,
        kind -> Text,
        created_id -> Text,
        location -> Text,
        created_at -> Timestamp,
    }
}

// --- WHO-5 answers behind a form's score (migration 2026-12-03-000021) ---

diesel::table! {
    who5_answers (case_id, occasion) {
        case_id -> Text,
        occasion -> Text,
        answers -> Text,
        updated_at -> Timestamp,
    }
}
