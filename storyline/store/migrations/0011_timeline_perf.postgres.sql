-- 0011_timeline_perf.sql for PostgreSQL: the same indexes (partial and expression indexes are
-- PostgreSQL's too), and the dated-sentence trigger's function replaced with the same condition.
CREATE INDEX articles_copies ON articles(copy_of, id) WHERE copy_of IS NOT NULL;
CREATE INDEX article_links_copies ON article_links(kind, article_id, other_id)
    WHERE kind IN ('copy', 'translation');
CREATE INDEX timeline_sentences_day_length ON timeline_sentences(day, length(text));

CREATE OR REPLACE FUNCTION dated_sentences_timeline_ai() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO timeline_sentences
        (article_id, day, span_start, span_end, text, entities, source, published, counts)
    SELECT NEW.article_id, NEW.date, NEW.span_start, NEW.span_end, NEW.text, NEW.entities, NEW.source,
        a.published,
        CASE
            WHEN a.published IS NOT NULL AND NEW.date > a.published THEN -1
            WHEN a.published IS NOT NULL AND NEW.date = a.published THEN 0
            WHEN EXISTS (SELECT 1 FROM timeline_sentences t WHERE t.day = NEW.date
                         AND length(t.text) = length(NEW.text)
                         AND t.article_id != NEW.article_id AND t.text = NEW.text) THEN 0
            ELSE 1
        END
    FROM articles a WHERE a.id = NEW.article_id;
    RETURN NULL;
END $$;
