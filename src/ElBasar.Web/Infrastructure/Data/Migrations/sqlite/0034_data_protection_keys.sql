-- elBasar 0034: the Data Protection keys (they seal sign-in cookies, antiforgery tokens and
-- password-reset links) are kept in the database, so that every web node reads the cookies of
-- the others and a restart signs nobody out (Infrastructure/Web/DataProtectionKeys.cs).

CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NULL,
    "xml" TEXT NULL
);
