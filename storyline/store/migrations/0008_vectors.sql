-- The semantic signal (issue 9): one embedding per article, and why a same-story pair
-- was kept in two stories.
--
-- ``model`` is the embedder's name and text budget (storyline.embed.vector_key): vectors
-- of different models are never compared; a changed backend re-embeds (storyline reembed).
-- float16, 768 bytes for 384 dimensions.
CREATE TABLE article_vectors (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    model      TEXT NOT NULL,
    vector     BLOB NOT NULL
);
CREATE INDEX article_vectors_model ON article_vectors(model);

-- Settings the collection was built with (e.g. semantic_model): key -> value.
CREATE TABLE IF NOT EXISTS collection_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A same-story pair (compare says so) whose articles are in different stories carries
-- the rule that kept them apart (average linkage), shown by `storyline story ID`.
ALTER TABLE article_links ADD COLUMN rule TEXT;
