-- An actor's or place's timeline at scale (issue 13: /api/timeline?q=<actor> on 1M events).
-- Per (entity, day), what timeline_entities holds for it, kept in step by triggers: an actor's
-- timeline ranks its days from these few rows and scores in full only the days that can make
-- its top (storyline.stories.timelines._ranked_entity_days), instead of aggregating every
-- sentence that names the actor and mapping every article of those to its source group.
--   sentences  rows of the entity on the timeline that day (counts >= 0)
--   votes      articles that name the entity in a sentence that votes for the day (a counting
--              sentence, or one about the article's own publication day): a day's support
--              counts their source groups, so it is at most this (summed over an actor's entities)
CREATE TABLE timeline_entity_days (
    entity_id TEXT NOT NULL,
    day       TEXT NOT NULL,
    sentences INTEGER NOT NULL DEFAULT 0,
    votes     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, day)
) WITHOUT ROWID;

-- A voting row of an article for (entity, day) has the same `counts` as every other voting row
-- of that article, entity and day (0 on its publication day, else 1), so the key index answers
-- "is this the article's first (last) voting row there".
CREATE TRIGGER timeline_entities_ai AFTER INSERT ON timeline_entities WHEN new.counts >= 0 BEGIN
    INSERT INTO timeline_entity_days (entity_id, day) VALUES (new.entity_id, new.day)
        ON CONFLICT (entity_id, day) DO NOTHING;
    UPDATE timeline_entity_days SET
        sentences = sentences + 1,
        votes = votes + ((new.counts = 1 OR new.day IS new.published) AND NOT EXISTS (
            SELECT 1 FROM timeline_entities t WHERE t.entity_id = new.entity_id AND t.day = new.day
            AND t.counts = new.counts AND t.article_id = new.article_id AND t.sentence_id != new.sentence_id))
    WHERE entity_id = new.entity_id AND day = new.day;
END;

CREATE TRIGGER timeline_entities_ad AFTER DELETE ON timeline_entities WHEN old.counts >= 0 BEGIN
    UPDATE timeline_entity_days SET
        sentences = sentences - 1,
        votes = votes - ((old.counts = 1 OR old.day IS old.published) AND NOT EXISTS (
            SELECT 1 FROM timeline_entities t WHERE t.entity_id = old.entity_id AND t.day = old.day
            AND t.counts = old.counts AND t.article_id = old.article_id))
    WHERE entity_id = old.entity_id AND day = old.day;
    DELETE FROM timeline_entity_days WHERE entity_id = old.entity_id AND day = old.day AND sentences <= 0;
END;

-- Existing collections: what is already stored (the triggers above do the rest).
INSERT INTO timeline_entity_days (entity_id, day, sentences, votes)
SELECT entity_id, day, count(*), count(DISTINCT CASE WHEN counts = 1 OR day = published THEN article_id END)
FROM timeline_entities WHERE counts >= 0 GROUP BY entity_id, day;
