-- elBasar 0022: lending shared equipment (Features/Lending). An item is backed by a listing (mode
-- "loan"); reservations hold one slot a day in lending_reservation_days, whose primary key
-- (item, day, slot) keeps the number of units lent a day within the item's quantity.

CREATE TABLE lending_items (
    id uuid NOT NULL,
    organization_id uuid NOT NULL,
    listing_id uuid NOT NULL,
    quantity integer NOT NULL CHECK (quantity >= 1),
    deposit_eur numeric(12,2),
    fee_eur numeric(12,2),
    conditions character varying(5000),
    pickup_place character varying(300),
    pickup_hours character varying(300),
    audience character varying(20) NOT NULL,
    auto_approve boolean NOT NULL,
    max_loan_days integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_lending_items PRIMARY KEY (id),
    CONSTRAINT fk_lending_items_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT fk_lending_items_listing_id FOREIGN KEY (listing_id) REFERENCES listings (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_lending_items_listing_id ON lending_items (listing_id);

CREATE INDEX ix_lending_items_organization_id ON lending_items (organization_id);

CREATE TABLE lending_blocks (
    item_id uuid NOT NULL,
    day date NOT NULL,
    CONSTRAINT pk_lending_blocks PRIMARY KEY (item_id, day),
    CONSTRAINT fk_lending_blocks_item_id FOREIGN KEY (item_id) REFERENCES lending_items (id) ON DELETE CASCADE
);

CREATE TABLE lending_reservations (
    id uuid NOT NULL,
    item_id uuid NOT NULL,
    "from" date NOT NULL,
    "to" date NOT NULL,
    status character varying(20) NOT NULL,
    requested_by_id uuid,
    borrower_organization_id uuid,
    borrower_name character varying(200) NOT NULL,
    message character varying(2000),
    answer character varying(2000),
    cancel_reason character varying(2000),
    cancelled_by character varying(20),
    created_at timestamp with time zone NOT NULL,
    decided_at timestamp with time zone,
    cancelled_at timestamp with time zone,
    checked_out_at timestamp with time zone,
    checkout_note character varying(2000),
    returned_at timestamp with time zone,
    return_note character varying(2000),
    damage character varying(2000),
    deposit_agreement character varying(2000),
    pickup_reminded_at timestamp with time zone,
    return_reminded_at timestamp with time zone,
    late_reminded_at timestamp with time zone,
    CONSTRAINT pk_lending_reservations PRIMARY KEY (id),
    CONSTRAINT fk_lending_reservations_item_id FOREIGN KEY (item_id) REFERENCES lending_items (id) ON DELETE CASCADE,
    CONSTRAINT fk_lending_reservations_requested_by_id FOREIGN KEY (requested_by_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT fk_lending_reservations_borrower_organization_id FOREIGN KEY (borrower_organization_id) REFERENCES organizations (id) ON DELETE SET NULL
);

CREATE INDEX ix_lending_reservations_item_id_from ON lending_reservations (item_id, "from");

CREATE INDEX ix_lending_reservations_requested_by_id ON lending_reservations (requested_by_id);

CREATE INDEX ix_lending_reservations_borrower_organization_id ON lending_reservations (borrower_organization_id);

CREATE INDEX ix_lending_reservations_status_to ON lending_reservations (status, "to");

CREATE TABLE lending_reservation_days (
    item_id uuid NOT NULL,
    day date NOT NULL,
    slot integer NOT NULL,
    reservation_id uuid NOT NULL,
    CONSTRAINT pk_lending_reservation_days PRIMARY KEY (item_id, day, slot),
    CONSTRAINT ck_lending_reservation_days_slot CHECK (slot >= 1),
    CONSTRAINT fk_lending_reservation_days_item_id FOREIGN KEY (item_id) REFERENCES lending_items (id) ON DELETE CASCADE,
    CONSTRAINT fk_lending_reservation_days_reservation_id FOREIGN KEY (reservation_id) REFERENCES lending_reservations (id) ON DELETE CASCADE
);

CREATE INDEX ix_lending_reservation_days_reservation_id ON lending_reservation_days (reservation_id);

-- Photos of the item's condition at pickup and return, for the reservation's parties only.
CREATE TABLE lending_condition_photos (
    id uuid NOT NULL,
    reservation_id uuid NOT NULL,
    stage character varying(20) NOT NULL,
    content_type character varying(20) NOT NULL,
    bytes bytea NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_lending_condition_photos PRIMARY KEY (id),
    CONSTRAINT fk_lending_condition_photos_reservation_id FOREIGN KEY (reservation_id) REFERENCES lending_reservations (id) ON DELETE CASCADE
);

CREATE INDEX ix_lending_condition_photos_reservation_id ON lending_condition_photos (reservation_id);
