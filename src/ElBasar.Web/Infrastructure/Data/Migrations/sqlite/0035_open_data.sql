-- The licences of the open data, chosen by the admins (Features/OpenData): one row, id 1.
CREATE TABLE "open_data_settings" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_open_data_settings" PRIMARY KEY,
    "figures_licence" TEXT NULL,
    "directory_licence" TEXT NULL,
    "updated_at" TEXT NOT NULL
);
