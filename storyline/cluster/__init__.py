"""Stories across languages: compact fingerprints, pairwise similarity, copies, translations.

The core is language-independent: canonical actors and places, day dates,
salient numbers and event types say whether two articles tell one story in
any pair of languages; within one language a TF-IDF cosine over word stems
and a MinHash of word shingles add lexical evidence and find near-copies.

Clustering is incremental.  Each new article gets a fingerprint (stored, so
texts are never read again) and blocking keys (entities, numbers, dates,
MinHash bands) indexed by the article's anchor date; candidates are the
articles sharing a key inside a date window, so cost grows about linearly
with the collection.  Matching pairs are linked (``copy``, ``translation``
or ``story``) and their stories merged (single link); a story's id is
derived from its smallest article id, so it does not depend on arrival order.
:class:`Clusterer` runs this in batches (one write transaction each): one
SQL statement finds and ranks an article's candidates, term frequencies are
counted in memory and written once per batch, and the most recent
fingerprints stay cached with their term vectors, so a pair costs a pass
over the terms the two share.
"""

from storyline.cluster.clusterer import (
    CACHE_SIZE,
    KEY_LIMIT,
    MAX_CANDIDATES,
    MIN_IDF_DOCS,
    PAGE_CACHE_KIB,
    Clusterer,
    blocking_keys,
    candidates,
    clustering_cache,
    collection_idf,
    load_fingerprint,
    load_fingerprints,
    story_id_for,
)
from storyline.cluster.fingerprints import (
    BANDS,
    MAX_TERMS,
    NUM_PERM,
    Fingerprint,
    anchor_day,
    band_keys,
    build_fingerprint,
    day_dates,
    entity_kind,
    minhash_bytes,
    minhash_jaccard,
    salient_number,
    stems,
    top_terms,
)
from storyline.cluster.scoring import (
    COPY_JACCARD,
    FAR_DAYS,
    KIND_WEIGHT,
    TRANSLATION_COS,
    TRANSLATION_MIN_PARAGRAPHS,
    WINDOW_DAYS,
    IdfFn,
    Similarity,
    cosine,
    idf_from,
    similarity,
)

__all__ = [
    "BANDS",
    "CACHE_SIZE",
    "COPY_JACCARD",
    "FAR_DAYS",
    "KEY_LIMIT",
    "KIND_WEIGHT",
    "MAX_CANDIDATES",
    "MAX_TERMS",
    "MIN_IDF_DOCS",
    "NUM_PERM",
    "PAGE_CACHE_KIB",
    "TRANSLATION_COS",
    "TRANSLATION_MIN_PARAGRAPHS",
    "WINDOW_DAYS",
    "Clusterer",
    "Fingerprint",
    "IdfFn",
    "Similarity",
    "anchor_day",
    "band_keys",
    "blocking_keys",
    "build_fingerprint",
    "candidates",
    "clustering_cache",
    "collection_idf",
    "cosine",
    "day_dates",
    "entity_kind",
    "idf_from",
    "load_fingerprint",
    "load_fingerprints",
    "minhash_bytes",
    "minhash_jaccard",
    "salient_number",
    "similarity",
    "stems",
    "story_id_for",
    "top_terms",
]
