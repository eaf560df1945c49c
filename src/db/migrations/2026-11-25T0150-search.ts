/**
 * Full-text search over published articles, kept in sync by the database itself: whatever writes to
 * `articles` (the editor, the scheduler, an importer, a hand-typed UPDATE) is indexed without calling
 * anything. Only published articles are in the index; a draft never is.
 *
 * SQLite: an FTS5 table `article_fts` (rowid = article id; columns headline, excerpt, body as plain
 * text) maintained by triggers. Bodies are turned into text by `bs_plain_text`, a function every
 * connection registers in `openDb` (src/db/dialect.ts). Updates that touch only counters
 * (comment_count, comments_version) do not fire the triggers.
 *
 * PostgreSQL: a side table `article_search(article_id, document tsvector)` with a GIN index, maintained by
 * a trigger. (A generated column on `articles` would do too, but every `SELECT *` of an article would
 * then drag its whole tsvector along.) The english parser drops HTML tags and entities on its own.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') await upSqlite(db);
  else await upPostgres(db);
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE article_fts USING fts5(headline, excerpt, body, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`CREATE TRIGGER article_fts_insert AFTER INSERT ON articles WHEN new.status = 'published' BEGIN
      INSERT INTO article_fts (rowid, headline, excerpt, body) VALUES (new.id, new.headline, new.excerpt, bs_plain_text(new.body_html));
    END`.execute(db);
  await sql`CREATE TRIGGER article_fts_update AFTER UPDATE OF headline, excerpt, body_html, status ON articles BEGIN
      DELETE FROM article_fts WHERE rowid = old.id;
      INSERT INTO article_fts (rowid, headline, excerpt, body)
        SELECT new.id, new.headline, new.excerpt, bs_plain_text(new.body_html) WHERE new.status = 'published';
    END`.execute(db);
  await sql`CREATE TRIGGER article_fts_delete AFTER DELETE ON articles BEGIN
      DELETE FROM article_fts WHERE rowid = old.id;
    END`.execute(db);
  await sql`INSERT INTO article_fts (rowid, headline, excerpt, body)
      SELECT id, headline, excerpt, bs_plain_text(body_html) FROM articles WHERE status = 'published'`.execute(db);
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE article_search (
      article_id integer PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
      document tsvector NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX article_search_document ON article_search USING gin (document)`.execute(db);
  // Weights: headline A, excerpt B, body D, so a word in the headline ranks above one deep in the body.
  await sql`CREATE FUNCTION article_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status = 'published' THEN
        INSERT INTO article_search (article_id, document) VALUES (NEW.id,
          setweight(to_tsvector('english', coalesce(NEW.headline, '')), 'A') ||
          setweight(to_tsvector('english', coalesce(NEW.excerpt, '')), 'B') ||
          setweight(to_tsvector('english', coalesce(NEW.body_html, '')), 'D'))
        ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document;
      ELSE
        DELETE FROM article_search WHERE article_id = NEW.id;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER article_search_sync AFTER INSERT OR UPDATE OF headline, excerpt, body_html, status ON articles
      FOR EACH ROW EXECUTE FUNCTION article_search_sync()`.execute(db);
  await sql`INSERT INTO article_search (article_id, document)
      SELECT id,
        setweight(to_tsvector('english', coalesce(headline, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(excerpt, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(body_html, '')), 'D')
      FROM articles WHERE status = 'published'`.execute(db);
}
