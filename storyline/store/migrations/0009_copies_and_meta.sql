-- Issue 14.
-- The same raw bytes may now be stored twice when they come from two addresses: a
-- syndicated copy keeps its own URL (provenance) and is marked copy_of the first.
-- Duplicates are still recognised by id, or by digest *and* address (Database.known).
DROP INDEX articles_digest;
CREATE INDEX articles_digest ON articles(digest);

-- Facts about the database file itself, e.g. who created it: `storyline demo`
-- overwrites only a database whose meta says it made it.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
