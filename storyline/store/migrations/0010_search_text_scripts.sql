-- The full-text indexes hold normalised text (storyline/normalize.py: search_text), not the
-- articles' own text: CJK runs as character bigrams, Arabic and Persian letter variants, ё/е,
-- diacritics and digits folded.  The normalisation is Python, so the indexes keep their own
-- content and the triggers call the search_text() SQL function that storyline.store.db
-- registers on every connection it opens for writing.  Snippets are cut from the original
-- text in Python.
DROP TRIGGER IF EXISTS articles_ai;
DROP TRIGGER IF EXISTS articles_ad;
DROP TRIGGER IF EXISTS articles_au;
DROP TABLE IF EXISTS articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, tokenize='unicode61 remove_diacritics 2');
INSERT INTO articles_fts(rowid, title, text)
    SELECT rowid, search_text(title, language), search_text(text, language) FROM articles;
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text)
        VALUES (new.rowid, search_text(new.title, new.language), search_text(new.text, new.language));
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.rowid;
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text, language ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.rowid;
    INSERT INTO articles_fts(rowid, title, text)
        VALUES (new.rowid, search_text(new.title, new.language), search_text(new.text, new.language));
END;

-- Dated sentences for the timeline: the same normalisation (the sentence's language is its article's).
DROP TRIGGER IF EXISTS timeline_sentences_ai;
DROP TRIGGER IF EXISTS timeline_sentences_ad;
DROP TABLE IF EXISTS timeline_fts;
CREATE VIRTUAL TABLE timeline_fts USING fts5(text, tokenize='unicode61 remove_diacritics 2');
INSERT INTO timeline_fts(rowid, text) SELECT id, search_text(text, NULL) FROM timeline_sentences;
CREATE TRIGGER timeline_sentences_ai AFTER INSERT ON timeline_sentences BEGIN
    INSERT INTO timeline_fts(rowid, text) VALUES (new.id, search_text(new.text, NULL));
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
    DELETE FROM timeline_fts WHERE rowid = old.id;
    DELETE FROM timeline_entities WHERE sentence_id = old.id;
    UPDATE timeline_days SET
        sentences = sentences - 1,
        mentions = mentions - (old.counts = 1 AND NOT EXISTS (
            SELECT 1 FROM timeline_sentences t WHERE t.day = old.day AND t.counts = 1
            AND t.article_id = old.article_id))
    WHERE day = old.day AND old.counts >= 0;
END;

-- Cross-script identity (storyline/extract/names.py: script_keys): the consonant skeleton of
-- each entity's name and of its last token, and the script it is written in, so that the
-- resolver can meet Трамп, トランプ and 트럼프 with Trump.  Filled for stored entities by the
-- name_script() SQL function that storyline.store.db registers.
ALTER TABLE entities ADD COLUMN script TEXT NOT NULL DEFAULT '';
ALTER TABLE entities ADD COLUMN script_key TEXT NOT NULL DEFAULT '';
ALTER TABLE entities ADD COLUMN script_last TEXT NOT NULL DEFAULT '';
UPDATE entities SET script = name_script(name, 'script'), script_key = name_script(name, 'key'),
    script_last = name_script(name, 'last');
CREATE INDEX entities_script_key ON entities(script_key) WHERE script_key != '';
CREATE INDEX entities_script_last ON entities(script_last) WHERE script_last != '';
