-- Timeline reads at scale (issue 13: /api/timeline?q=<actor> on 1M events).  Indexes only:
-- nothing stored changes.  Each answers one query of storyline.stories from the index alone,
-- where it read a whole row (an article's texts, an event's JSON) for one or two columns.
--
-- An actor's timeline maps its articles to their source groups (sources.origins_of): which
-- of them are copies.  By id, only the copies, with what they copy.
CREATE INDEX articles_copy_ids ON articles(id, copy_of) WHERE copy_of IS NOT NULL;
-- The dated events of the chosen days' articles (timelines._events_by_article).
CREATE INDEX events_article_date ON events(article_id, date, id);
