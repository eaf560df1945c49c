import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWxr } from '../../src/features/importers/wxr.importer.js';
import { rng } from '../../src/features/demo/demo.seed.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { countRows, fileInput } from '../helpers/importing.js';
import { DIALECTS } from '../helpers/test-db.js';

// A full garbage collection on demand, so the test measures what the importer keeps, not garbage not yet collected.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const POSTS = 100;
const COMMENTS_PER_POST = 200;
/** ~1.3 KB of text per comment, so the file (~35 MB) is large next to what the importer may hold. */
const FILLER =
  'The ferry timetable, the harbour budget and the night buses are all connected, and readers notice. '.repeat(13);

/** Writes a WXR export with POSTS × COMMENTS_PER_POST comments, some replies before their parents. */
async function writeLargeWxr(file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const r = rng(42);
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Big</title><link>https://big.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://big.example</wp:base_site_url><wp:base_blog_url>https://big.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[desk]]></wp:author_login><wp:author_email><![CDATA[desk@big.example]]></wp:author_email><wp:author_display_name><![CDATA[Desk]]></wp:author_display_name></wp:author>
`);
  let commentId = 1;
  for (let p = 1; p <= POSTS; p++) {
    await write(`<item><title><![CDATA[Story number ${p}]]></title><link>https://big.example/story-${p}/</link><dc:creator><![CDATA[desk]]></dc:creator>
<content:encoded><![CDATA[<p>${FILLER}</p>]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${p}</wp:post_id>
<wp:post_date_gmt><![CDATA[2026-01-01 10:00:00]]></wp:post_date_gmt><wp:comment_status><![CDATA[open]]></wp:comment_status><wp:post_name><![CDATA[story-${p}]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
`);
    const first = commentId;
    const comments: string[] = [];
    for (let c = 0; c < COMMENTS_PER_POST; c++, commentId++) {
      const parent = c > 0 && r() < 0.6 ? first + Math.floor(r() * c) : 0;
      const minute = String(c % 60).padStart(2, '0');
      comments.push(`<wp:comment><wp:comment_id>${commentId}</wp:comment_id><wp:comment_author><![CDATA[Reader ${commentId}]]></wp:comment_author>
<wp:comment_author_email><![CDATA[reader${commentId}@example.net]]></wp:comment_author_email><wp:comment_author_IP><![CDATA[10.0.${p}.${c}]]></wp:comment_author_IP>
<wp:comment_date_gmt><![CDATA[2026-01-02 10:${minute}:00]]></wp:comment_date_gmt><wp:comment_content><![CDATA[${FILLER}]]></wp:comment_content>
<wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id>
<wp:commentmeta><wp:meta_key><![CDATA[wpdiscuz_votes]]></wp:meta_key><wp:meta_value><![CDATA[${c % 7}]]></wp:meta_value></wp:commentmeta></wp:comment>
`);
    }
    // Every tenth reply is written before the comment it answers.
    for (let i = 10; i < comments.length; i += 10) [comments[i - 1], comments[i]] = [comments[i]!, comments[i - 1]!];
    for (const c of comments) await write(c);
    await write('</item>\n');
  }
  await write('</channel></rss>\n');
  out.end();
  await once(out, 'finish');
}

describe('a large WordPress export', () => {
  let file: string;
  beforeAll(async () => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'big-wxr-')), 'big.xml');
    await writeLargeWxr(file);
  }, 120_000);
  afterAll(() => {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  for (const dialect of DIALECTS) {
    describe(`on ${dialect}`, () => {
      let t: TestApp;
      beforeAll(async () => {
        t = await createTestApp(dialect);
      });
      afterAll(async () => {
        await t.close();
      });

      it('imports 20,000 comments with bounded memory in reasonable time', async () => {
        const size = fs.statSync(file).size;
        expect(size).toBeGreaterThan(30 * 1024 * 1024);
        gc();
        const baseline = process.memoryUsage().heapUsed;
        let peak = baseline;
        let retained = 0;
        let batches = 0;
        const started = Date.now();
        const result = await importWxr(t.deps, fileInput(file, 256 * 1024), {
          onProgress: () => {
            peak = Math.max(peak, process.memoryUsage().heapUsed);
            if (++batches % 10 === 0) {
              gc();
              retained = Math.max(retained, process.memoryUsage().heapUsed - baseline);
            }
          },
        });
        const seconds = (Date.now() - started) / 1000;
        const growthMb = (peak - baseline) / 1024 / 1024;
        const retainedMb = retained / 1024 / 1024;
        console.log(
          `[large import ${dialect}] ${(size / 1024 / 1024).toFixed(1)} MB in ${seconds.toFixed(1)} s, heap growth ${growthMb.toFixed(1)} MB, retained ${retainedMb.toFixed(1)} MB`,
        );
        expect(result.byKind.comments).toEqual({ created: POSTS * COMMENTS_PER_POST, updated: 0, skipped: 0 });
        expect(await countRows(t, 'comments')).toBe(POSTS * COMMENTS_PER_POST);
        expect(result.notes['replies whose parent is missing (made top-level)']).toBeUndefined();
        expect(growthMb).toBeLessThan(200);
        // What survives a full collection is a few batches' worth, whatever the size of the file.
        expect(retainedMb).toBeLessThan(40);
        expect(seconds).toBeLessThan(240);

        // Every reply sits under its parent's thread, one level deeper (up to the cap).
        const bad = await t.deps.db.kysely
          .selectFrom('comments as c')
          .innerJoin('comments as p', 'p.id', 'c.parent_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where((eb) =>
            eb.or([eb('c.thread_id', '!=', eb.ref('p.thread_id')), eb('c.depth', '>', 5), eb('c.depth', '<', 1)]),
          )
          .executeTakeFirstOrThrow();
        expect(Number(bad.n)).toBe(0);
      }, 300_000);
    });
  }
});
