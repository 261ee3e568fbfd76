-- 0010_search_text_scripts.sql for PostgreSQL.  The search documents (articles_fts,
-- timeline_fts) are written by the store, in Python, from storyline.normalize.search_text
-- (storyline.store.search.tsvector); the documents stored before this migration are rebuilt
-- the same way, and the entities' cross-script columns filled, by
-- storyline.store.dialect.PostgresDialect.after_migration (both need Python).
ALTER TABLE entities ADD COLUMN script TEXT NOT NULL DEFAULT '';
ALTER TABLE entities ADD COLUMN script_key TEXT NOT NULL DEFAULT '';
ALTER TABLE entities ADD COLUMN script_last TEXT NOT NULL DEFAULT '';
CREATE INDEX entities_script_key ON entities(script_key) WHERE script_key != '';
CREATE INDEX entities_script_last ON entities(script_last) WHERE script_last != '';
