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
