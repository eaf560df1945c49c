/**
 * The profanity filter: obscenity's maintained English word list with its recommended transformers
 * (confusable letters, leetspeak, repeated letters), which matches variants ("fuuuck", "sh1t") while its
 * whitelist keeps "Scunthorpe", "classic" and "assessment" clean. We add a few English place names the
 * list would otherwise catch.
 */
import {
  RegExpMatcher,
  TextCensor,
  asteriskCensorStrategy,
  englishDataset,
  englishRecommendedTransformers,
  keepStartCensorStrategy,
} from 'obscenity';
import { escapeHtml } from '../../../lib/html.js';

/** Real words and places the English list would flag; extend when a reader reports a false positive. */
const EXTRA_WHITELIST = ['penistone', 'clitheroe', 'cockermouth', 'scunthorpe'];

const built = englishDataset.build();
const matcher = new RegExpMatcher({
  ...built,
  whitelistedTerms: [...(built.whitelistedTerms ?? []), ...EXTRA_WHITELIST],
  ...englishRecommendedTransformers,
});
/** "fuck" → "f***": the reader still sees that a word was there. */
const censor = new TextCensor().setStrategy(keepStartCensorStrategy(asteriskCensorStrategy()));

/** Number of profane words in plain text. */
export function countProfanity(text: string): number {
  return matcher.getAllMatches(text).length;
}

/** Plain text with each profane word starred out after its first letter. */
export function maskText(text: string): string {
  const matches = matcher.getAllMatches(text, true);
  return matches.length === 0 ? text : censor.applyTo(text, matches);
}

const ENTITY = /&(?:#(\d{1,7})|#x([\da-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name.toLowerCase()] ?? whole;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Tags that sit inside a word without breaking it ("f<b>uck</b>"); any other tag separates words. */
const INLINE_TAG = /^<\/?(?:a|b|i|em|strong|code|span|s|u|del|ins|mark|small|sub|sup)\b/i;

/**
 * Masks profane words in sanitized HTML, touching text only (tags and attributes stay as they are).
 * Text between tags is decoded, masked and re-escaped, so an entity is never cut in half.
 */
export function maskHtml(html: string): string {
  return html
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith('<') || part === '' ? part : escapeHtml(maskText(decodeEntities(part)))))
    .join('');
}

/** What a reader reads in sanitized HTML, for checking what masking could not reach (a word split by a tag). */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, (tag) => (INLINE_TAG.test(tag) ? '' : ' ')));
}
