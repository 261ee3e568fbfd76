-- Story clustering at scale (issue 5 bench: 100,000 articles).
--
-- Every clustered article reads and increments the document frequency of its ~120
-- terms.  As a rowid table with a separate primary-key index each of those touched two
-- B-trees; WITHOUT ROWID keeps the row in the key's B-tree, so one.
CREATE TABLE term_df_clustered (
    term TEXT PRIMARY KEY,                 -- language|stem ("language|" counts the language's articles)
    df   INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO term_df_clustered SELECT term, df FROM term_df ORDER BY term;
DROP TABLE term_df;
ALTER TABLE term_df_clustered RENAME TO term_df;

-- Every update (one per ingested article) loads the canonical map of merged entities;
-- without this index that read scanned every entity, so ingest cost grew with the
-- collection.  The partial index holds only merged entities (a small share).
CREATE INDEX entities_merged ON entities(entity_id, actor_id) WHERE entity_id != actor_id;
