-- The licences of the open data, chosen by the admins (Features/OpenData): one row, id 1.
CREATE TABLE open_data_settings (
    id integer NOT NULL,
    figures_licence character varying(40),
    directory_licence character varying(40),
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_open_data_settings PRIMARY KEY (id)
);
