-- elBasar 0014: personal access tokens (Features/Accounts) and moderation (Features/Moderation):
-- reports on listings and organisations, and the journal of what facilitators did about them.

CREATE TABLE personal_access_tokens (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    name character varying(100) NOT NULL,
    token_hash character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone,
    CONSTRAINT pk_personal_access_tokens PRIMARY KEY (id),
    CONSTRAINT fk_personal_access_tokens_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_personal_access_tokens_token_hash ON personal_access_tokens (token_hash);

CREATE INDEX ix_personal_access_tokens_user_id ON personal_access_tokens (user_id);

CREATE TABLE moderation_reports (
    id uuid NOT NULL,
    subject_kind character varying(20) NOT NULL,
    subject_id uuid NOT NULL,
    reason character varying(20) NOT NULL,
    details character varying(2000),
    reporter_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    status character varying(20) NOT NULL,
    resolved_at timestamp with time zone,
    resolved_by_id uuid,
    CONSTRAINT pk_moderation_reports PRIMARY KEY (id),
    CONSTRAINT fk_moderation_reports_reporter_id FOREIGN KEY (reporter_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_moderation_reports_status_created_at ON moderation_reports (status, created_at);

CREATE INDEX ix_moderation_reports_subject_kind_subject_id ON moderation_reports (subject_kind, subject_id);

CREATE INDEX ix_moderation_reports_reporter_id ON moderation_reports (reporter_id);

CREATE TABLE moderation_log (
    id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    actor_id uuid NOT NULL,
    actor_name character varying(200) NOT NULL,
    subject_kind character varying(20) NOT NULL,
    subject_id uuid NOT NULL,
    subject_title character varying(200) NOT NULL,
    action character varying(20) NOT NULL,
    reason character varying(2000),
    previous_status character varying(20),
    CONSTRAINT pk_moderation_log PRIMARY KEY (id)
);

CREATE INDEX ix_moderation_log_at ON moderation_log (at);

CREATE INDEX ix_moderation_log_subject_kind_subject_id_at ON moderation_log (subject_kind, subject_id, at);
