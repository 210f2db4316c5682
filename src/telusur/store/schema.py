"""Database schema as numbered migrations; ``PRAGMA user_version`` holds the applied number.

A migration is appended, never edited: databases written by an older Telusur are
brought forward step by step; one written by a newer Telusur is refused.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles, their removed debris, runs, failures, template-line counts, applied templates
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        format TEXT NOT NULL,
        url TEXT,
        content_hash TEXT NOT NULL,
        pipeline_version TEXT NOT NULL,
        title TEXT,
        outlet_name TEXT,
        outlet_domain TEXT,
        published TEXT,
        language TEXT,
        raw TEXT NOT NULL,
        body TEXT NOT NULL,
        record TEXT NOT NULL,
        first_run INTEGER NOT NULL,
        updated_run INTEGER NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX articles_outlet ON articles(outlet_domain, outlet_name);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE removed_lines (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        reason TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, seq)
    );
    CREATE INDEX removed_lines_reason ON removed_lines(reason);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        paths TEXT NOT NULL,
        status TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        new INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE failures (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        doc_id TEXT NOT NULL,
        source TEXT NOT NULL,
        stage TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE INDEX failures_run ON failures(run_id);
    CREATE TABLE template_lines (
        outlet TEXT NOT NULL,
        line_key TEXT NOT NULL,
        lead_key TEXT NOT NULL,
        article_id TEXT NOT NULL,
        long INTEGER NOT NULL,
        PRIMARY KEY (outlet, line_key, lead_key, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX template_lines_article ON template_lines(article_id);
    CREATE TABLE templates (
        outlet TEXT NOT NULL,
        line_key TEXT NOT NULL,
        PRIMARY KEY (outlet, line_key)
    ) WITHOUT ROWID;
    """,
    # 2: each article's entities (for the corpus stage) and the corpus entities they resolve to
    """
    CREATE TABLE article_entities (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        stands_for TEXT,
        surfaces TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE corpus_entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        stands_for TEXT,
        aliases TEXT NOT NULL,
        articles INTEGER NOT NULL,
        mentions INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE corpus_entity_members (
        entity_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (article_id, name)
    ) WITHOUT ROWID;
    CREATE INDEX corpus_entity_members_entity ON corpus_entity_members(entity_id);
    """,
    # 3: near-duplicate clusters (MinHash LSH over bodies) and the pairs that joined them
    """
    CREATE TABLE duplicate_members (
        article_id TEXT PRIMARY KEY,
        cluster_id TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX duplicate_members_cluster ON duplicate_members(cluster_id);
    CREATE TABLE duplicate_pairs (
        cluster_id TEXT NOT NULL,
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        similarity REAL NOT NULL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    """,
    # 4: sibling pairs (versions of one source report) and the fact diffs of their aligned sentences
    """
    CREATE TABLE sibling_pairs (
        group_id TEXT NOT NULL,
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        relation TEXT NOT NULL,
        coverage REAL NOT NULL,
        source TEXT,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX sibling_pairs_group ON sibling_pairs(group_id);
    CREATE TABLE fact_diffs (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        verdict TEXT NOT NULL,
        article_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        says TEXT NOT NULL,
        sibling_id TEXT NOT NULL,
        sibling_start INTEGER NOT NULL,
        sibling_end INTEGER NOT NULL,
        sibling_says TEXT NOT NULL,
        detail TEXT NOT NULL
    );
    CREATE INDEX fact_diffs_article ON fact_diffs(article_id);
    CREATE TABLE corpus_state (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 5: stories (kept across runs: an article keeps its story) and each story's derived views
    # (merged events, timeline, claim tracks, cited summary) as JSON documents
    """
    CREATE TABLE story_members (
        article_id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX story_members_story ON story_members(story_id);
    CREATE TABLE story_views (
        story_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (story_id, kind)
    ) WITHOUT ROWID;
    """,
    # 6: full-text search over titles and bodies (FTS5, external content: the text is stored
    # once, in articles); triggers keep the index in step with every insert, update and delete
    """
    CREATE VIRTUAL TABLE article_search USING fts5(
        title, body, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN
        INSERT INTO article_search (rowid, title, body) VALUES (new.rowid, new.title, new.body);
    END;
    CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN
        INSERT INTO article_search (article_search, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
    END;
    CREATE TRIGGER article_search_update AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO article_search (article_search, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
        INSERT INTO article_search (rowid, title, body) VALUES (new.rowid, new.title, new.body);
    END;
    INSERT INTO article_search (article_search) VALUES ('rebuild');
    """,
    # 7: what the siblings stage keeps between runs, so a run aligns only pairs with a new or
    # changed article: each article's term-set MinHash signature (valid while the article's
    # updated_run is unchanged) and every candidate pair already aligned, with its verdict
    """
    CREATE TABLE term_signatures (
        article_id TEXT PRIMARY KEY,
        updated_run INTEGER NOT NULL,
        published TEXT,
        agencies TEXT NOT NULL,
        signature BLOB NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE sibling_checks (
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        coverage REAL,
        PRIMARY KEY (a, b)
    ) WITHOUT ROWID;
    CREATE INDEX sibling_checks_b ON sibling_checks(b);
    """,
    # 8: each article's story profile (features and weights, JSON), valid while the article's
    # updated_run is unchanged: regrouping reads these instead of decoding every record
    """
    CREATE TABLE story_profiles (
        article_id TEXT PRIMARY KEY,
        updated_run INTEGER NOT NULL,
        day TEXT,
        features TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 9: lookups by either side of a sibling pair or fact diff (a story page asks for those of its articles)
    """
    CREATE INDEX sibling_pairs_b ON sibling_pairs(b);
    CREATE INDEX fact_diffs_sibling ON fact_diffs(sibling_id);
    """,
    # 10: a failure's stable code ("internal" for a Telusur bug, an error class's code otherwise)
    """
    ALTER TABLE failures ADD COLUMN code TEXT NOT NULL DEFAULT 'input';
    UPDATE failures SET code = 'internal' WHERE reason LIKE 'internal error:%';
    """,
    # 11: how sure a distortion is (NULL for variants, updates and diffs made before it)
    """
    ALTER TABLE fact_diffs ADD COLUMN confidence REAL;
    """,
    # 12: search that knows Indonesian morphology: each article's title and body as the stems
    # of their words ("mengirim", "dikirimkan" -> "kirim"), rowid = the article's rowid. The
    # store keeps it in step (stemming is Python, not a trigger) and fills it for the
    # articles already stored when this migration runs (``sqlite.BACKFILLS``)
    """
    CREATE VIRTUAL TABLE article_stems USING fts5(title, body, tokenize='unicode61 remove_diacritics 2');
    """,
    # 13: listings in their order (publication time, undated last, then id) walk this index
    # instead of sorting every row: a page deep in the list no longer reads every body
    """
    CREATE INDEX articles_listing ON articles(published IS NULL, published, id);
    """,
    # 14: each article's body MinHash signature for the near-duplicates stage, valid while the
    # article's updated_run is unchanged: a run signs only what is new or rewritten
    """
    CREATE TABLE body_signatures (
        article_id TEXT PRIMARY KEY,
        updated_run INTEGER NOT NULL,
        signature BLOB NOT NULL
    ) WITHOUT ROWID;
    """,
    # 15: a fact diff's difference as fields (what, each side's version) instead of one
    # "[what: ]a vs b" string; a diff made before keeps its old text as its ``what`` until
    # the next run (a new corpus version) makes it again
    """
    ALTER TABLE fact_diffs ADD COLUMN what TEXT NOT NULL DEFAULT '';
    ALTER TABLE fact_diffs ADD COLUMN a_value TEXT NOT NULL DEFAULT '';
    ALTER TABLE fact_diffs ADD COLUMN b_value TEXT NOT NULL DEFAULT '';
    UPDATE fact_diffs SET what = detail;
    ALTER TABLE fact_diffs DROP COLUMN detail;
    """,
    # 16: the stems the stemmer made in earlier runs (a cache: word -> stem, for the stemmer
    # version ``corpus_state.stemmer`` names), so a run does not stem the corpus's words again
    """
    CREATE TABLE stem_cache (
        word TEXT PRIMARY KEY,
        stem TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)
# PRAGMA application_id of every Telusur database ("TLSR"): a file without it (or without
# the schema of one written before it was set) is another application's and is never touched
APPLICATION_ID = 0x544C5352
