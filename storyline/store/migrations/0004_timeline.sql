-- Timeline index (issues 5 and 6): `storyline timeline` and /api/timeline filter and
-- aggregate in SQL instead of loading every dated sentence into Python.
--
-- Every row of dated_sentences (written by storyline.stories) is mirrored by triggers into
-- timeline_sentences, which adds a stable integer key (for FTS5 and the entity index) and
-- the vote the sentence casts for its day:
--   counts =  1  new evidence: the article says something happened that day;
--   counts =  0  on the timeline but no vote: the article's own publication day (a
--                dateline or "today"; the publication vote covers it) or a sentence that
--                another article already stored verbatim (syndication, site boilerplate);
--   counts = -1  a day after the article's publication: a plan, not what happened.

CREATE TABLE timeline_sentences (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    day        TEXT NOT NULL,              -- YYYY-MM-DD or --MM-DD (dated_sentences.date)
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    entities   TEXT NOT NULL,              -- JSON list of entity ids named in the sentence
    source     TEXT NOT NULL,              -- time | event
    published  TEXT,                       -- the article's publication date
    counts     INTEGER NOT NULL
);
CREATE INDEX timeline_sentences_day ON timeline_sentences(day, counts, article_id);
CREATE INDEX timeline_sentences_article ON timeline_sentences(article_id, day);

-- One row per (sentence, entity named in it): a name query resolves to entity ids, then
-- reads index ranges only (the index covers every column the aggregation needs).
CREATE TABLE timeline_entities (
    entity_id   TEXT NOT NULL,
    day         TEXT NOT NULL,
    counts      INTEGER NOT NULL,
    article_id  TEXT NOT NULL,
    published   TEXT,
    sentence_id INTEGER NOT NULL REFERENCES timeline_sentences(id) ON DELETE CASCADE
);
CREATE INDEX timeline_entities_key ON timeline_entities(entity_id, day, counts, article_id, published, sentence_id);
CREATE INDEX timeline_entities_sentence ON timeline_entities(sentence_id);

-- Free-text queries match dated sentences, not whole articles.
CREATE VIRTUAL TABLE timeline_fts USING fts5(
    text, content='timeline_sentences', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);

-- Per-day aggregates of the whole collection: the timeline without a query reads this table.
CREATE TABLE timeline_days (
    day       TEXT PRIMARY KEY,
    mentions  INTEGER NOT NULL DEFAULT 0,  -- articles with a counting sentence on that day
    sentences INTEGER NOT NULL DEFAULT 0,  -- sentences on the timeline for that day
    published INTEGER NOT NULL DEFAULT 0   -- articles published that day
);

CREATE TRIGGER timeline_sentences_ai AFTER INSERT ON timeline_sentences BEGIN
    INSERT INTO timeline_fts(rowid, text) VALUES (new.id, new.text);
    INSERT INTO timeline_entities
        SELECT DISTINCT value, new.day, new.counts, new.article_id, new.published, new.id
        FROM json_each(new.entities);
    INSERT INTO timeline_days (day) SELECT new.day WHERE new.counts >= 0
        ON CONFLICT (day) DO NOTHING;
    UPDATE timeline_days SET
        sentences = sentences + 1,
        mentions = mentions + (new.counts = 1 AND NOT EXISTS (
            SELECT 1 FROM timeline_sentences t WHERE t.day = new.day AND t.counts = 1
            AND t.article_id = new.article_id AND t.id != new.id))
    WHERE day = new.day AND new.counts >= 0;
END;

CREATE TRIGGER timeline_sentences_ad AFTER DELETE ON timeline_sentences BEGIN
    INSERT INTO timeline_fts(timeline_fts, rowid, text) VALUES ('delete', old.id, old.text);
    DELETE FROM timeline_entities WHERE sentence_id = old.id;
    UPDATE timeline_days SET
        sentences = sentences - 1,
        mentions = mentions - (old.counts = 1 AND NOT EXISTS (
            SELECT 1 FROM timeline_sentences t WHERE t.day = old.day AND t.counts = 1
            AND t.article_id = old.article_id))
    WHERE day = old.day AND old.counts >= 0;
END;

CREATE TRIGGER dated_sentences_timeline_ai AFTER INSERT ON dated_sentences BEGIN
    INSERT INTO timeline_sentences
        (article_id, day, span_start, span_end, text, entities, source, published, counts)
    SELECT new.article_id, new.date, new.span_start, new.span_end, new.text, new.entities, new.source,
        a.published,
        CASE
            WHEN a.published IS NOT NULL AND new.date > a.published THEN -1
            WHEN a.published IS NOT NULL AND new.date = a.published THEN 0
            WHEN EXISTS (SELECT 1 FROM timeline_sentences t WHERE t.day = new.date
                         AND t.article_id != new.article_id AND t.text = new.text) THEN 0
            ELSE 1
        END
    FROM articles a WHERE a.id = new.article_id;
END;

CREATE TRIGGER dated_sentences_timeline_ad AFTER DELETE ON dated_sentences BEGIN
    DELETE FROM timeline_sentences
    WHERE article_id = old.article_id AND day = old.date AND span_start = old.span_start;
END;

CREATE TRIGGER articles_timeline_ai AFTER INSERT ON articles WHEN new.published IS NOT NULL BEGIN
    INSERT INTO timeline_days (day, published) VALUES (new.published, 1)
        ON CONFLICT (day) DO UPDATE SET published = published + 1;
END;

CREATE TRIGGER articles_timeline_ad AFTER DELETE ON articles WHEN old.published IS NOT NULL BEGIN
    UPDATE timeline_days SET published = published - 1 WHERE day = old.published;
END;

CREATE TRIGGER articles_timeline_au AFTER UPDATE OF published ON articles BEGIN
    UPDATE timeline_days SET published = published - 1 WHERE day = old.published;
    INSERT INTO timeline_days (day, published) SELECT new.published, 1 WHERE new.published IS NOT NULL
        ON CONFLICT (day) DO UPDATE SET published = published + 1;
END;

-- Existing collections: mirror what is already stored (the triggers above do the rest).
INSERT INTO timeline_days (day, published)
    SELECT published, count(*) FROM articles WHERE published IS NOT NULL GROUP BY published;
INSERT INTO timeline_sentences
    (article_id, day, span_start, span_end, text, entities, source, published, counts)
SELECT d.article_id, d.date, d.span_start, d.span_end, d.text, d.entities, d.source, a.published,
    CASE
        WHEN a.published IS NOT NULL AND d.date > a.published THEN -1
        WHEN a.published IS NOT NULL AND d.date = a.published THEN 0
        ELSE 1
    END
FROM dated_sentences d JOIN articles a ON a.id = d.article_id ORDER BY d.rowid;
