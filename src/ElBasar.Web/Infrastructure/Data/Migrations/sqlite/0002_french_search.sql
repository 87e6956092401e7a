-- elBasar 0002: French search. Listings remember which analyser version indexed them (older ones
-- are analysed again at start), the index's vocabulary becomes readable for typo correction, and
-- the thesaurus of the domain gets its table.

ALTER TABLE "listings" ADD COLUMN "search_version" INTEGER NOT NULL DEFAULT 0;

CREATE VIRTUAL TABLE "listing_search_vocab" USING fts5vocab("listing_search", 'row');

CREATE TABLE "synonym_groups" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_synonym_groups" PRIMARY KEY AUTOINCREMENT,
    "terms" TEXT NOT NULL,
    "from_seed" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL
);

CREATE UNIQUE INDEX "ix_synonym_groups_terms" ON "synonym_groups" ("terms");
