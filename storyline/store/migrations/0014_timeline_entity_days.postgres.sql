-- 0014_timeline_entity_days.sql for PostgreSQL: the same table; SQLite's triggers as PL/pgSQL.
CREATE TABLE timeline_entity_days (
    entity_id TEXT NOT NULL,
    day       TEXT NOT NULL,
    sentences INTEGER NOT NULL DEFAULT 0,
    votes     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, day)
);

CREATE FUNCTION timeline_entities_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO timeline_entity_days (entity_id, day) VALUES (NEW.entity_id, NEW.day)
        ON CONFLICT (entity_id, day) DO NOTHING;
    UPDATE timeline_entity_days SET
        sentences = sentences + 1,
        votes = votes + ((NEW.counts = 1 OR NEW.day = NEW.published) IS TRUE AND NOT EXISTS (
            SELECT 1 FROM timeline_entities t WHERE t.entity_id = NEW.entity_id AND t.day = NEW.day
            AND t.counts = NEW.counts AND t.article_id = NEW.article_id
            AND t.sentence_id != NEW.sentence_id))::int
    WHERE entity_id = NEW.entity_id AND day = NEW.day;
    RETURN NULL;
END $$;
CREATE TRIGGER timeline_entities_ai AFTER INSERT ON timeline_entities
    FOR EACH ROW WHEN (NEW.counts >= 0) EXECUTE FUNCTION timeline_entities_ai();

CREATE FUNCTION timeline_entities_ad() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE timeline_entity_days SET
        sentences = sentences - 1,
        votes = votes - ((OLD.counts = 1 OR OLD.day = OLD.published) IS TRUE AND NOT EXISTS (
            SELECT 1 FROM timeline_entities t WHERE t.entity_id = OLD.entity_id AND t.day = OLD.day
            AND t.counts = OLD.counts AND t.article_id = OLD.article_id))::int
    WHERE entity_id = OLD.entity_id AND day = OLD.day;
    DELETE FROM timeline_entity_days WHERE entity_id = OLD.entity_id AND day = OLD.day AND sentences <= 0;
    RETURN NULL;
END $$;
CREATE TRIGGER timeline_entities_ad AFTER DELETE ON timeline_entities
    FOR EACH ROW WHEN (OLD.counts >= 0) EXECUTE FUNCTION timeline_entities_ad();

-- Existing collections: what is already stored (the triggers above do the rest).
INSERT INTO timeline_entity_days (entity_id, day, sentences, votes)
SELECT entity_id, day, count(*), count(DISTINCT CASE WHEN counts = 1 OR day = published THEN article_id END)
FROM timeline_entities WHERE counts >= 0 GROUP BY entity_id, day;
