-- Live sources (issue 11): what storyline fetched, and what `storyline watch` monitors.
-- A killed monitor resumes from these rows: an entry whose page is stored is never
-- fetched again, and validators are written only once a response was fully used.

-- One row per URL requested: a source given by the user (a page, feed or sitemap)
-- or an entry found in a feed or sitemap.
CREATE TABLE fetch_state (
    url           TEXT PRIMARY KEY,          -- as requested, canonical form
    kind          TEXT NOT NULL,             -- source | entry
    final_url     TEXT,                      -- after redirects
    etag          TEXT,                      -- validators of the last fully used 200 answer
    last_modified TEXT,
    status        INTEGER,                   -- last HTTP status (NULL: no answer)
    outcome       TEXT NOT NULL,             -- fetched | stored | not stored | not modified | failed | refused | gone
    error         TEXT,                      -- the last error, one line
    failures      INTEGER NOT NULL DEFAULT 0,-- consecutive failures
    first_seen    TEXT NOT NULL,             -- UTC, ISO 8601
    fetched_at    TEXT,                      -- last request
    changed_at    TEXT                       -- last 200 answer
);
CREATE INDEX fetch_state_final ON fetch_state(final_url);

-- The sources of `storyline watch`, with the outcome of their last round.
CREATE TABLE watch_sources (
    name          TEXT PRIMARY KEY,
    url           TEXT NOT NULL,
    kind          TEXT NOT NULL,             -- feed | sitemap | page | auto (told by content)
    interval_s    REAL NOT NULL,
    updated_at    TEXT NOT NULL,             -- when the sources file last declared it
    last_round    TEXT,                      -- end of its last complete round (UTC)
    next_due      TEXT,                      -- when its next round is due (UTC)
    last_status   TEXT,                      -- one line: "2 new, 40 known" | "not modified" | "failed"
    last_error    TEXT,
    last_error_at TEXT,
    rounds        INTEGER NOT NULL DEFAULT 0,
    articles      INTEGER NOT NULL DEFAULT 0 -- new articles stored from it so far
);
