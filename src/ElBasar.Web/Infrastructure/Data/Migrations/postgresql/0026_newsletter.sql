-- elBasar 0026: the monthly digest (Features/Newsletter): its subscribers (member accounts and the
-- public, double opt-in), its issues, and one delivery row per issue and subscriber, so that a
-- sending stopped half-way goes on where it was without a second copy to anyone.

CREATE TABLE newsletter_subscribers (
    id uuid NOT NULL,
    email character varying(256) NOT NULL,
    name character varying(200),
    user_id uuid,
    status character varying(20) NOT NULL,
    secret character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    confirmed_at timestamp with time zone,
    unsubscribed_at timestamp with time zone,
    CONSTRAINT pk_newsletter_subscribers PRIMARY KEY (id),
    CONSTRAINT fk_newsletter_subscribers_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_newsletter_subscribers_email ON newsletter_subscribers (email);
CREATE UNIQUE INDEX ix_newsletter_subscribers_user_id ON newsletter_subscribers (user_id);

CREATE TABLE newsletter_issues (
    id uuid NOT NULL,
    month character varying(7) NOT NULL,
    subject character varying(200) NOT NULL,
    editorial text NOT NULL,
    excluded_listings text NOT NULL,
    status character varying(20) NOT NULL,
    scheduled_at timestamp with time zone,
    html text,
    text text,
    enlisted boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    CONSTRAINT pk_newsletter_issues PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_newsletter_issues_month ON newsletter_issues (month);

CREATE TABLE newsletter_deliveries (
    issue_id uuid NOT NULL,
    subscriber_id uuid NOT NULL,
    queued_at timestamp with time zone,
    CONSTRAINT pk_newsletter_deliveries PRIMARY KEY (issue_id, subscriber_id),
    CONSTRAINT fk_newsletter_deliveries_issue_id FOREIGN KEY (issue_id) REFERENCES newsletter_issues (id) ON DELETE CASCADE,
    CONSTRAINT fk_newsletter_deliveries_subscriber_id FOREIGN KEY (subscriber_id) REFERENCES newsletter_subscribers (id) ON DELETE CASCADE
);

CREATE INDEX ix_newsletter_deliveries_subscriber_id ON newsletter_deliveries (subscriber_id);
