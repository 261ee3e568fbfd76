-- PostgreSQL only: the SQLite functions storyline's queries use, for JSON kept as text.
-- storyline.store.sqlpg renames json_each, json_extract and json_array_length to these
-- sl_* functions (PostgreSQL has its own of those names, for the json type).

-- json_each over an array (key = index) or an object (key = member), values as text
-- (a string unquoted, anything else as JSON), as SQLite returns them.
CREATE FUNCTION sl_json_each(doc TEXT) RETURNS TABLE (key TEXT, value TEXT)
LANGUAGE sql IMMUTABLE AS $$
    SELECT (e.ordinality - 1)::text, CASE WHEN json_typeof(e.value) = 'string' THEN e.value #>> '{}' ELSE e.value::text END
    FROM json_array_elements(CASE WHEN json_typeof(doc::json) = 'array' THEN doc::json ELSE '[]' END)
        WITH ORDINALITY AS e(value, ordinality)
    UNION ALL
    SELECT o.key, CASE WHEN json_typeof(o.value) = 'string' THEN o.value #>> '{}' ELSE o.value::text END
    FROM json_each(CASE WHEN json_typeof(doc::json) = 'object' THEN doc::json ELSE '{}' END) AS o
$$;

-- '$.a.b' → '{a,b}' (the paths storyline writes: members, no array indexes).
CREATE FUNCTION sl_json_path(path TEXT) RETURNS TEXT[]
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN path = '$' THEN '{}'::text[] ELSE string_to_array(substr(path, 3), '.') END
$$;

CREATE FUNCTION sl_json_each(doc TEXT, path TEXT) RETURNS TABLE (key TEXT, value TEXT)
LANGUAGE sql IMMUTABLE AS $$
    SELECT * FROM sl_json_each((doc::json #> sl_json_path(path))::text)
$$;

-- json_extract: a string, number or boolean as a scalar, NULL for JSON null.
CREATE FUNCTION sl_json_extract(doc TEXT, path TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
    SELECT doc::json #>> sl_json_path(path)
$$;

CREATE FUNCTION sl_json_array_length(doc TEXT) RETURNS INTEGER
LANGUAGE sql IMMUTABLE AS $$
    SELECT json_array_length(doc::json)
$$;

-- text ->> 'member' (SQLite reads JSON text with ->>).
CREATE FUNCTION sl_text_member(doc TEXT, member TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
    SELECT doc::json ->> member
$$;
CREATE OPERATOR ->> (LEFTARG = TEXT, RIGHTARG = TEXT, FUNCTION = sl_text_member);

-- group_concat(x): values joined by ',' (with DISTINCT as well).
CREATE FUNCTION sl_concat_step(acc TEXT, value TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN acc WHEN acc IS NULL THEN value ELSE acc || ',' || value END
$$;
CREATE AGGREGATE group_concat(TEXT) (SFUNC = sl_concat_step, STYPE = TEXT);

-- LIMIT ? with SQLite's -1 (any negative): no limit.
CREATE FUNCTION sl_limit(n BIGINT) RETURNS BIGINT
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN n < 0 THEN NULL ELSE n END
$$;
