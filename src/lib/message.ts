/**
 * A text someone will read, named by its key in the message catalogues (locales/<lang>/<namespace>.json) rather
 * than written out: the site's language is chosen at runtime, so code that decides *what* to say (a service
 * refusing a comment, a route's notice) hands over a Message and the page, mail or problem document that shows it
 * translates it (src/platform/i18n.ts).
 */
export type MessageValue = string | number | Date | boolean | null | undefined;
export type MessageValues = Record<string, MessageValue>;

export interface Message {
  readonly key: string;
  readonly values?: MessageValues;
}

/** `msg('errors.not_found')`, `msg('common.footer_default', { site: name })`. */
export function msg(key: string, values?: MessageValues): Message {
  return values ? { key, values } : { key };
}

export function isMessage(x: unknown): x is Message {
  return typeof x === 'object' && x !== null && typeof (x as { key?: unknown }).key === 'string';
}

/** A text that is either already written out (a person's own words, a name) or a catalogue message. */
export type Text = string | Message;

/**
 * A Text for a database column: a written-out text as it is, a message as `{"key":…,"values":…}`, so a page
 * shows it in the site's language of the day rather than the one it was stored in.
 */
export function storedText(x: Text): string {
  return typeof x === 'string' ? x : JSON.stringify(x.values ? { key: x.key, values: x.values } : { key: x.key });
}

/** What `storedText` wrote; a column written before messages were stored (plain English) reads as that text. */
export function textFromStore(s: string): Text {
  if (!s.startsWith('{"key":')) return s;
  try {
    const parsed: unknown = JSON.parse(s);
    if (isMessage(parsed)) return parsed.values ? msg(parsed.key, parsed.values) : msg(parsed.key);
  } catch {
    // Not ours: a person's own words that happen to look like JSON.
  }
  return s;
}
