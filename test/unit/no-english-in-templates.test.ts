/**
 * No English left in what people read: every text of a page, a form error, a notice or a browser script comes
 * from the message catalogues (src/platform/i18n.ts). The source is parsed with TypeScript's own parser and each
 * place a text can hide is looked at:
 * - text between JSX tags (`<h1>Site</h1>`);
 * - a JSX attribute that people read (`aria-label`, `title`, `placeholder`, `alt`, a component's `label`, `hint` …),
 *   written out or as a string in its expression;
 * - the message of an AppError, and its field messages;
 * - a string that reads as prose (a capitalized word followed by more words, or a sentence) given to a property
 *   people read (`title:`, `label:`, `message:` …) or anywhere in a JSX expression;
 * - in public/js, a string that reads as prose (scripts fill in texts with textContent).
 * Logs, thrown programming errors (`new Error`), imports and the key names themselves are not texts.
 *
 * Operator tools (the CLI, the start banner, config errors), the demo content and migrations are out of scope:
 * they are for the person installing the site, or content rather than interface.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

const OUT_OF_SCOPE = [
  /^src\/db\//,
  /^src\/features\/demo\//,
  /^src\/(cli|backup|config|start-banner|main|cluster|errors)\.ts$/,
  /^src\/features\/importers\/.*\.cli\.ts$/,
  /^src\/features\/ops\/.*-cli\.ts$/,
];

/** Attributes whose value is a text people read (or hear). */
const TEXT_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
  'hint',
  'legend',
  'summary',
  'caption',
  'heading',
  'description',
  'message',
  'notice',
  'empty',
  'emptyText',
  'submitLabel',
  'confirm',
  'data-confirm',
  'data-label',
  'value',
]);

/** Properties of object literals whose value is a text people read. */
const TEXT_PROPERTIES = new Set([
  'title',
  'label',
  'heading',
  'hint',
  'message',
  'notice',
  'subject',
  'text',
  'description',
  'summary',
  'placeholder',
  'legend',
  'caption',
  'alt',
  'detail',
  'lede',
  'intro',
  'empty',
  'confirm',
  'flash',
  'reason',
]);

/** Reads as prose: a capitalized word followed by more words, or words ending like a sentence. */
const PROSE = /^[\s“"(]*[A-Z][a-z’']*[,:]?\s+[\w“”’'(-]|[A-Za-z]{2,}\s+\w+.*[.!?…:]\s*$/;
const LETTERS = /[A-Za-z]{2}/;
const CATALOGUE_KEY = /^[a-z]+\.[a-z0-9_]+$/;

/** Calls whose string arguments are not texts people read. */
const NOT_TEXT_CALLS =
  /^(t|msg|rich|i18n\.t|i18n\.rich|log\.\w+|request\.log\.\w+|app\.log\.\w+|ctx\.log\.\w+|deps\.log\.\w+|console\.\w+|require|import|querySelector|querySelectorAll|closest|matches|getElementById|setAttribute|getAttribute|removeAttribute|hasAttribute|addEventListener|removeEventListener|createElement|fetch|get|post|has|startsWith|endsWith|includes|replace|split|test|match|Error|TypeError|RangeError|describe|it|expect)$/;

function callName(node: ts.CallExpression | ts.NewExpression): string {
  const e = node.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) {
    const target = e.expression;
    const prefix = ts.isIdentifier(target)
      ? `${target.text}.`
      : ts.isPropertyAccessExpression(target)
        ? `${target.name.text}.`
        : '';
    const full = `${prefix}${e.name.text}`;
    return NOT_TEXT_CALLS.test(full) ? full : e.name.text;
  }
  return '';
}

function stringsOf(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
  return [];
}

interface Finding {
  line: number;
  text: string;
}

function scan(file: string, source: string): Finding[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const found: Finding[] = [];
  const seen = new Set<string>();
  const report = (node: ts.Node, text: string) => {
    const f = { line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.trim().slice(0, 80) };
    if (seen.has(`${f.line}|${f.text}`)) return;
    seen.add(`${f.line}|${f.text}`);
    found.push(f);
  };
  // Browser scripts and the code that writes mails and feeds build their texts from strings: every prose string counts.
  const isScript = file.startsWith('public/') || /(mail|feed|digest)[^/]*\.tsx?$/.test(file);

  /** Inside a call whose arguments are not texts (a log line, a key, a thrown programming error)? */
  const underIgnoredCall = (node: ts.Node): boolean => {
    // The OpenAPI document's descriptions (TypeBox schemas, a route's `schema`) are for developers, in English,
    // however deep in the schema they sit (a `description:` or `summary:` property of it included).
    for (let p = node.parent; p; p = p.parent) {
      if (ts.isCallExpression(p) && /^Type\./.test(p.expression.getText(sf))) return true;
      if (ts.isPropertyAssignment(p) && ['schema', 'openapi', 'theme'].includes(p.name.getText(sf))) return true;
    }
    for (let p = node.parent; p; p = p.parent) {
      if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && NOT_TEXT_CALLS.test(callName(p))) return true;
      if (ts.isFunctionLike(p)) return false;
      if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isTypeNode(p)) return true;
      if (ts.isBinaryExpression(p) && /^(===|!==|==|!=)$/.test(p.operatorToken.getText(sf))) return true;
      if (ts.isCaseClause(p) && p.expression === node) return true;
      if (ts.isJsxAttribute(p)) return false;
    }
    return false;
  };

  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (LETTERS.test(node.text)) report(node, node.text);
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      const init = node.initializer;
      if (init && TEXT_ATTRIBUTES.has(name)) {
        const strings = ts.isStringLiteral(init)
          ? [init.text]
          : ts.isJsxExpression(init) && init.expression
            ? collectStrings(init.expression)
            : [];
        for (const s of strings) if (LETTERS.test(s) && (name !== 'value' || PROSE.test(s))) report(node, s);
      }
    } else if (ts.isTaggedTemplateExpression(node) && node.tag.getText(sf) === 'html') {
      // The escaping `html` template (mails, fragments): the text between its tags. A tag may hold
      // interpolations (`<a href="${url}">`), so the parts are joined before the tags are taken out.
      const joined = stringsOf(node.template)
        .join('\u0000')
        .replace(/<[^>]*>|&[a-z]+;|&#\d+;/g, ' ');
      for (const text of joined.split('\u0000')) {
        if (LETTERS.test(text) && /[A-Za-z]{2,}/.test(text.replace(/\b[a-z-]+=("[^"]*"|'[^']*')?/g, '')))
          report(node, text);
      }
    } else if (ts.isNewExpression(node) && node.expression.getText(sf) === 'AppError') {
      const [, message, options] = node.arguments ?? [];
      for (const s of message ? stringsOf(message) : []) if (LETTERS.test(s)) report(node, s);
      if (options && ts.isObjectLiteralExpression(options)) {
        const fields = options.properties.find((p) => p.name?.getText(sf) === 'fields');
        if (fields && ts.isPropertyAssignment(fields) && ts.isObjectLiteralExpression(fields.initializer))
          for (const f of fields.initializer.properties)
            if (ts.isPropertyAssignment(f)) for (const s of stringsOf(f.initializer)) if (LETTERS.test(s)) report(f, s);
      }
    } else if (
      ts.isPropertyAssignment(node) &&
      node.name.getText(sf) === 'title' &&
      shownStrings(node.initializer).some((s) => LETTERS.test(s)) &&
      !underIgnoredCall(node.initializer)
    ) {
      // A page's title, even one word ("Articles"), is read in the tab, the history and by screen readers.
      for (const s of shownStrings(node.initializer)) if (LETTERS.test(s)) report(node, s);
    } else if (ts.isPropertyAssignment(node) && inMessageTable(node)) {
      // A table of notices: every value is a catalogue key (`editor.notice_saved`), never the text itself.
      for (const s of stringsOf(node.initializer)) if (LETTERS.test(s) && !CATALOGUE_KEY.test(s)) report(node, s);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const strings = stringsOf(node);
      if (strings.some((s) => PROSE.test(s)) && !underIgnoredCall(node)) {
        const p = node.parent;
        const inJsx = (() => {
          for (let q: ts.Node | undefined = p; q; q = q.parent) {
            if (ts.isJsxExpression(q)) return true;
            if (ts.isFunctionLike(q) || ts.isStatement(q)) return false;
          }
          return false;
        })();
        const textProperty =
          ts.isPropertyAssignment(p) && p.initializer === node && TEXT_PROPERTIES.has(p.name.getText(sf));
        if (isScript || inJsx || textProperty) report(node, strings.join('…'));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** A property of a constant table of messages (`const NOTICES = { saved: 'Saved.' }`): its values are read. */
function inMessageTable(p: ts.PropertyAssignment): boolean {
  const table = p.parent;
  const decl = table.parent;
  return ts.isVariableDeclaration(decl) && /(NOTICES|MESSAGES|LABELS|TEXTS|TITLES)$/.test(decl.name.getText());
}

/** The strings an expression itself evaluates to (a literal, a template, either branch of `?:`, `??`, `||`). */
function shownStrings(node: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(node)) return shownStrings(node.expression);
  if (ts.isConditionalExpression(node)) return [...shownStrings(node.whenTrue), ...shownStrings(node.whenFalse)];
  if (ts.isBinaryExpression(node) && /^(\?\?|\|\|)$/.test(node.operatorToken.getText()))
    return [...shownStrings(node.left), ...shownStrings(node.right)];
  return stringsOf(node);
}

function collectStrings(node: ts.Node): string[] {
  const out: string[] = [];
  const walk = (n: ts.Node) => {
    if (ts.isCallExpression(n) && NOT_TEXT_CALLS.test(callName(n))) return;
    out.push(...stringsOf(n));
    if (!ts.isTemplateExpression(n)) ts.forEachChild(n, walk);
  };
  walk(node);
  return out;
}

function sources(): string[] {
  const files: string[] = [];
  const collect = (dir: string) => {
    for (const f of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${f.name}`;
      if (f.isDirectory()) collect(rel);
      else if (/\.(ts|tsx)$/.test(f.name) && dir.startsWith('src')) files.push(rel);
      else if (f.name.endsWith('.js') && dir.startsWith('public/js')) files.push(rel);
    }
  };
  collect('src');
  collect('public/js');
  return files.filter((f) => !OUT_OF_SCOPE.some((r) => r.test(f))).sort();
}

describe('no English left in templates', () => {
  const findings = new Map(sources().map((f) => [f, scan(f, readFileSync(path.join(ROOT, f), 'utf8'))]));

  it('finds texts where they hide (the scanner itself)', () => {
    const sample = [
      'export const A = () => <p title="Read more">Hello there</p>;',
      "export const B = () => <F label={x ? 'Your name' : 'Name'} />;",
      "throw new AppError('X', 'That did not work.', { fields: { a: 'Enter a name.' } });",
      "const page = { title: 'Comments on this article' };",
      "log.info('This is a log line'); throw new Error('A programming error'); t('common.sign_in');",
      'export const C = () => <p class="site-name">{t(\'common.sign_in\')}</p>;',
      "const D = Type.String({ description: 'The article page, as readers see it.' });",
      "app.get('/x', { schema: { summary: 'Published articles, newest first' } }, h);",
      "reply.page({ title: x ? `Edit: ${x}` : 'Pages' }, body); const n = { title: textOf(n, 'title') };",
      "const NOTICES: Record<string, string> = { saved: 'Saved.', gone: 'images.notice_deleted' };",
    ].join('\n');
    const texts = scan('src/sample.tsx', sample).map((f) => f.text);
    expect(texts).toEqual([
      'Read more',
      'Hello there',
      'Your name',
      'Name',
      'That did not work.',
      'Enter a name.',
      'Comments on this article',
      'Edit:',
      'Pages',
      'Saved.',
    ]);
  });

  it('leaves no English in any template, script or mail', () => {
    const left = [...findings]
      .filter(([, found]) => found.length > 0)
      .map(([f, found]) => `${f}:\n${found.map((x) => `  ${x.line}: ${x.text}`).join('\n')}`);
    expect(left.join('\n')).toBe('');
  });
});

export { scan };
