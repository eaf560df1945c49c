/**
 * Where the "Support <site>" calls to action go in an article: a publisher setting (key `articles.cta`),
 * read on every article page (one primary-key lookup) so a change shows at once in every process.
 */
import type { Kysely } from 'kysely';
import { msg } from '../../lib/message.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { hasRole } from '../../platform/roles.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { getSetting, putSetting } from '../../platform/settings.repo.js';
import type { CtaPlacement } from './views/ArticlePage.js';

export const CTA_SETTING = 'articles.cta';
/**
 * By default the appeal follows the third paragraph (and the article), never precedes the story: on a phone the
 * first screen is for the headline and the first paragraph. An article shorter than three paragraphs shows
 * only the one below it.
 */
export const DEFAULT_CTA: CtaPlacement = { above: false, below: true, afterParagraph: 3 };
/** Paragraph numbers beyond this are certainly a typo. */
export const MAX_CTA_PARAGRAPH = 200;

export async function getCtaPlacement(db: Kysely<Database>): Promise<CtaPlacement> {
  const v = await getSetting<CtaPlacement>(db, CTA_SETTING, DEFAULT_CTA);
  const n = v.afterParagraph;
  return {
    above: v.above === true,
    below: v.below === true,
    afterParagraph: typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_CTA_PARAGRAPH ? n : null,
  };
}

/** Saves the placement (publisher only) and records the change in the audit log. */
export async function saveCtaPlacement(
  deps: { db: Kysely<Database>; now: Date },
  actor: { id: number; role: string },
  next: CtaPlacement,
): Promise<void> {
  if (!hasRole(actor.role, 'publisher'))
    throw new AppError('SETTINGS_PUBLISHER_ONLY', msg('editor.settings_publisher_only'));
  const n = next.afterParagraph;
  if (n !== null && (!Number.isInteger(n) || n < 1 || n > MAX_CTA_PARAGRAPH)) {
    throw new AppError('CTA_PARAGRAPH_INVALID', msg('editor.cta_paragraph_invalid'), {
      fields: { cta_after: msg('editor.cta_paragraph_invalid_field', { max: MAX_CTA_PARAGRAPH }) },
    });
  }
  await deps.db.transaction().execute(async (trx) => {
    const before = await getCtaPlacement(trx);
    await putSetting(trx, CTA_SETTING, next, deps.now);
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: 'settings.update',
        subjectType: 'setting',
        subjectId: CTA_SETTING,
        before,
        after: next,
      },
      deps.now,
    );
  });
}

/** The placement as the settings form sends and shows it (ticked boxes are '1'). */
export interface CtaForm {
  cta_above?: string;
  cta_below?: string;
  cta_after?: string;
}

/** The saved placement, as the settings form shows it. */
export async function loadCtaForm(db: Kysely<Database>): Promise<CtaForm> {
  const saved = await getCtaPlacement(db);
  return {
    cta_above: saved.above ? '1' : undefined,
    cta_below: saved.below ? '1' : undefined,
    cta_after: saved.afterParagraph?.toString() ?? '',
  };
}

/** Saves the placement from the settings form: the paragraph is a whole number, or empty for none. */
export async function saveCtaForm(
  deps: { db: Kysely<Database>; now: Date },
  actor: { id: number; role: string },
  form: CtaForm,
): Promise<void> {
  const raw = (form.cta_after ?? '').trim();
  if (raw !== '' && !/^\d{1,4}$/.test(raw)) {
    throw new AppError('CTA_PARAGRAPH_INVALID', msg('editor.cta_paragraph_not_number'), {
      fields: { cta_after: msg('editor.cta_paragraph_not_number_field') },
    });
  }
  await saveCtaPlacement(deps, actor, {
    above: form.cta_above === '1',
    below: form.cta_below === '1',
    afterParagraph: raw === '' ? null : Number(raw),
  });
}
