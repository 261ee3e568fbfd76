-- Per-article extraction results: one row per mention, claim and event,
-- with offsets into articles.text so every result cites its source sentence.
CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,      -- time | place | actor
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    entity_id  TEXT,               -- place / actor id, or the time value
    data       TEXT NOT NULL       -- JSON of the full mention (contract shape)
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(kind, entity_id);

CREATE TABLE claims (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    data       TEXT NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE events (
    id         TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type       TEXT NOT NULL,
    mode       TEXT,
    source     TEXT,
    target     TEXT,
    place      TEXT,
    date       TEXT,
    data       TEXT NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type_date ON events(type, date);

CREATE TABLE article_warnings (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    warning    TEXT NOT NULL
);
