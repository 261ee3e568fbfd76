-- Timeline at scale (issue 13: 1M events, reads during an ingest).  Indexes only, and one
-- trigger re-created with a condition its old one implied: nothing stored changes.
--
-- Every timeline query maps copies and translations to their original
-- (storyline.stories.sources.collection_origins).  Without these partial indexes that read
-- every article row (texts included) and every link: it grew with the collection, not with
-- the copies.  Each holds only the rows the query wants and every column it reads.
CREATE INDEX articles_copies ON articles(copy_of, id) WHERE copy_of IS NOT NULL;
CREATE INDEX article_links_copies ON article_links(kind, article_id, other_id)
    WHERE kind IN ('copy', 'translation');

-- A dated sentence that another article already stored verbatim casts no vote (0004).  The
-- check read every sentence of the day, so storing a day's sentences was quadratic (a busy
-- day holds thousands); by (day, length) it reads the few of the same length.
CREATE INDEX timeline_sentences_day_length ON timeline_sentences(day, length(text));

DROP TRIGGER dated_sentences_timeline_ai;
CREATE TRIGGER dated_sentences_timeline_ai AFTER INSERT ON dated_sentences BEGIN
    INSERT INTO timeline_sentences
        (article_id, day, span_start, span_end, text, entities, source, published, counts)
    SELECT new.article_id, new.date, new.span_start, new.span_end, new.text, new.entities, new.source,
        a.published,
        CASE
            WHEN a.published IS NOT NULL AND new.date > a.published THEN -1
            WHEN a.published IS NOT NULL AND new.date = a.published THEN 0
            WHEN EXISTS (SELECT 1 FROM timeline_sentences t WHERE t.day = new.date
                         AND length(t.text) = length(new.text)
                         AND t.article_id != new.article_id AND t.text = new.text) THEN 0
            ELSE 1
        END
    FROM articles a WHERE a.id = new.article_id;
END;
