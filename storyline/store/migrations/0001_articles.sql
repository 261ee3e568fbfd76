-- Articles as ingested: raw text, cleaned text and what cleaning removed.
CREATE TABLE articles (
    id               TEXT PRIMARY KEY,
    digest           TEXT NOT NULL,            -- sha256 of the raw bytes
    text_hash        TEXT NOT NULL,            -- sha256 of the normalised cleaned text (exact copies)
    url              TEXT,
    title            TEXT,
    published        TEXT,                     -- ISO date
    published_from   TEXT,                     -- meta | text | url | given
    language         TEXT,
    raw_text         TEXT NOT NULL,
    text             TEXT NOT NULL,
    removed          TEXT NOT NULL,            -- JSON list of {start, end, reason, text}
    paragraphs       TEXT NOT NULL,            -- JSON list of {start, end, language}
    source_path      TEXT NOT NULL,
    ingested_at      TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    copy_of          TEXT REFERENCES articles(id)
);
CREATE UNIQUE INDEX articles_digest ON articles(digest);
CREATE INDEX articles_text_hash ON articles(text_hash);
CREATE INDEX articles_language ON articles(language);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_url ON articles(url);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
