-- Collection-level state built incrementally from per-article results (issue 5):
-- cross-article identity of actors and places, compact per-article fingerprints,
-- blocking keys, copy/translation/same-story links, stories and dated sentences.

-- Every extracted entity id (actor mention id or gazetteer place id) and the
-- canonical actor it belongs to, with the reason of the merge (explainable).
CREATE TABLE entities (
    entity_id  TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,              -- person | organization | country | group | place
    name       TEXT NOT NULL,
    country    TEXT,
    actor_id   TEXT NOT NULL,              -- canonical id (== entity_id when not merged)
    reason     TEXT NOT NULL,              -- why entity_id belongs to actor_id
    sort_key   TEXT NOT NULL,              -- token keys sorted: token-order variants share it
    last_key   TEXT NOT NULL               -- key of the last name token (surname)
);
CREATE INDEX entities_actor ON entities(actor_id);
CREATE INDEX entities_sort ON entities(sort_key);
CREATE INDEX entities_last ON entities(last_key);

-- Every surface form and normalised name of an entity, with its language.
CREATE TABLE entity_names (
    entity_id TEXT NOT NULL REFERENCES entities(entity_id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    language  TEXT NOT NULL,
    key       TEXT NOT NULL,               -- storyline.extract.names.name_key(name)
    articles  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, name, language)
);
CREATE INDEX entity_names_key ON entity_names(key);

-- Roles over time: first and last article date on which a role was seen.
CREATE TABLE entity_roles (
    entity_id TEXT NOT NULL REFERENCES entities(entity_id) ON DELETE CASCADE,
    role      TEXT NOT NULL,
    country   TEXT NOT NULL DEFAULT '',
    first     TEXT,
    last      TEXT,
    articles  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, role, country)
);

-- One compact fingerprint per processed article: the clustering never re-reads texts.
CREATE TABLE fingerprints (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    language   TEXT,
    day        TEXT,                       -- anchor date (ISO) or NULL
    data       TEXT NOT NULL,              -- JSON: entities, dates, numbers, terms, paragraphs
    minhash    BLOB NOT NULL               -- datasketch MinHash values (uint64, little endian)
);
CREATE INDEX fingerprints_day ON fingerprints(day);

-- Blocking keys (entity ids, salient numbers, MinHash bands) by anchor date.
CREATE TABLE story_keys (
    key        TEXT NOT NULL,
    day        TEXT,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX story_keys_key ON story_keys(key, day);
CREATE INDEX story_keys_article ON story_keys(article_id);

-- Collection document frequencies of lexical terms (for TF-IDF cosine).
CREATE TABLE term_df (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
);

-- Pairwise links: kind = copy | translation | story; article_id is the later one,
-- other_id the earlier (the original for copies and translations).
CREATE TABLE article_links (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    other_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    score      REAL NOT NULL,
    evidence   TEXT NOT NULL,
    PRIMARY KEY (article_id, other_id)
);
CREATE INDEX article_links_other ON article_links(other_id);

CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id   TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles(story_id);

-- Sentences that carry a day-precise date, with the entities they mention:
-- what the timeline ranks and quotes (in the article's own language).
CREATE TABLE dated_sentences (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,              -- YYYY-MM-DD or --MM-DD
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    entities   TEXT NOT NULL,              -- JSON list of entity ids in the sentence
    source     TEXT NOT NULL               -- time | event
);
CREATE INDEX dated_sentences_article ON dated_sentences(article_id);
CREATE INDEX dated_sentences_date ON dated_sentences(date);
