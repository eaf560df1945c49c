/**
 * The type pairings the publisher chooses from in /admin/site (headline + body), each self-hosted from an npm
 * `@fontsource/*` package: the site serves the woff2 files itself (/fonts/…), never a CDN. Only the weights a
 * page uses (headline 700; body 400, 400 italic, 700) and the subsets latin, latin-ext and arabic (where a font
 * has them) are offered; the browser downloads a subset only when a page holds one of its characters
 * (unicode-range).
 *
 * The @font-face rules are read once from the packages' own CSS (their unicode ranges are the packages'), so an
 * upgrade of a package changes the served files and their addresses (the version is part of them) together.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { msg, type Message } from '../lib/message.js';

/** One family of a pairing: the CSS family name, its package, the weights/styles used, and its fallback stack. */
export interface PairingFont {
  family: string;
  /** The package under @fontsource/ that ships it. */
  pkg: string;
  faces: ReadonlyArray<{ weight: 400 | 700; style: 'normal' | 'italic' }>;
  fallback: string;
}

export interface TypePairing {
  /** Stored in the site identity; stable. */
  id: string;
  /** Shown in the admin's list (a catalogue message). */
  label: Message;
  /** null: the stylesheet's own stack. */
  headline: PairingFont | null;
  body: PairingFont | null;
  /** The body stack when `body` is null and the pairing still sets one (system UI under a webfont headline). */
  bodyStack?: string;
}

const SERIF = "Georgia, 'Times New Roman', serif";
const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const HEAD = [{ weight: 700, style: 'normal' }] as const;
const BODY = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'normal' },
] as const;

export const DEFAULT_TYPE_PAIRING = 'system';

export const TYPE_PAIRINGS: readonly TypePairing[] = [
  {
    id: 'system',
    label: msg('admin.pairing_system'),
    headline: null,
    body: null,
  },
  {
    id: 'source-serif-inter',
    label: msg('admin.pairing_source_serif_inter'),
    headline: { family: 'Source Serif 4', pkg: 'source-serif-4', faces: HEAD, fallback: SERIF },
    body: { family: 'Inter', pkg: 'inter', faces: BODY, fallback: SANS },
  },
  {
    id: 'merriweather-source-sans',
    label: msg('admin.pairing_merriweather_source_sans'),
    headline: { family: 'Merriweather', pkg: 'merriweather', faces: HEAD, fallback: SERIF },
    body: { family: 'Source Sans 3', pkg: 'source-sans-3', faces: BODY, fallback: SANS },
  },
  {
    id: 'lora-system',
    label: msg('admin.pairing_lora_system'),
    headline: { family: 'Lora', pkg: 'lora', faces: HEAD, fallback: SERIF },
    body: null,
    bodyStack: SANS,
  },
];

export const typePairing = (id: string): TypePairing | undefined => TYPE_PAIRINGS.find((p) => p.id === id);

/** Subsets served, in the order their rules are written. */
const SUBSETS = ['latin-ext', 'latin', 'arabic'];

/** One font file the site serves: its public address and where it lies on disk. */
export interface FontFile {
  url: string;
  file: string;
}

/** Everything the font route and the site stylesheet need: built once from the installed packages. */
export interface FontCatalogue {
  /** /fonts/<version>/<file>.woff2 → the file on disk. */
  files: Map<string, string>;
  /** Pairing id → its @font-face rules and family rules. */
  css: Map<string, string>;
  /** Pairing id → the one or two files the first screen uses (headline bold, body regular; latin). */
  preload: Map<string, string[]>;
}

const require = createRequire(import.meta.url);

function packageDir(pkg: string): { dir: string; version: string } {
  const manifest = require.resolve(`@fontsource/${pkg}/package.json`);
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string };
  return { dir: path.dirname(manifest), version };
}

const quote = (family: string) => `'${family.replace(/'/g, '')}'`;

/** The @font-face rules of one face from its package's CSS, kept to our subsets, woff2 only, addressed by us. */
function faceRules(font: PairingFont, face: PairingFont['faces'][number], files: Map<string, string>): string[] {
  const { dir, version } = packageDir(font.pkg);
  const cssFile = path.join(dir, face.style === 'italic' ? `${face.weight}-italic.css` : `${face.weight}.css`);
  const css = fs.readFileSync(cssFile, 'utf8');
  const rules: string[] = [];
  for (const subset of SUBSETS) {
    const name = `${font.pkg}-${subset}-${face.weight}-${face.style}.woff2`;
    const block = css.split('@font-face').find((b) => b.includes(`/${name})`) || b.includes(`./files/${name}`));
    if (!block) continue;
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    const url = `/fonts/${version}/${name}`;
    files.set(url, path.join(dir, 'files', name));
    rules.push(
      `@font-face {\n  font-family: ${quote(font.family)};\n  font-style: ${face.style};\n  font-weight: ${face.weight};\n` +
        `  font-display: swap;\n  src: url(${url}) format('woff2');\n${range ? `  unicode-range: ${range};\n` : ''}}`,
    );
  }
  return rules;
}

/** The stylesheet text of a pairing: its faces, then which elements use which family. */
function pairingCss(p: TypePairing, files: Map<string, string>): string {
  const rules: string[] = [];
  const seen = new Set<string>();
  for (const font of [p.headline, p.body]) {
    if (!font) continue;
    for (const face of font.faces) {
      const key = `${font.pkg}/${face.weight}/${face.style}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rules.push(...faceRules(font, face, files));
    }
  }
  const body = p.body ? `${quote(p.body.family)}, ${p.body.fallback}` : (p.bodyStack ?? null);
  const head = p.headline ? `${quote(p.headline.family)}, ${p.headline.fallback}` : null;
  if (body) rules.push(`:root {\n  font-family: ${body};\n}`);
  if (head) rules.push(`h1,\nh2,\nh3,\n.site-name {\n  font-family: ${head};\n}`);
  return rules.length ? `${rules.join('\n')}\n` : '';
}

function firstScreenFiles(p: TypePairing): string[] {
  const urls: string[] = [];
  for (const [font, weight] of [
    [p.headline, 700],
    [p.body, 400],
  ] as const) {
    if (!font) continue;
    const { version } = packageDir(font.pkg);
    const url = `/fonts/${version}/${font.pkg}-latin-${weight}-normal.woff2`;
    if (!urls.includes(url)) urls.push(url);
  }
  return urls;
}

let catalogue: FontCatalogue | undefined;

/**
 * Reads the installed packages' CSS once. A module-level memo on purpose: the answer depends only on the
 * installed files, is the same for every context, and never changes while the process runs.
 */
export function fontCatalogue(): FontCatalogue {
  catalogue ??= loadFontCatalogue();
  return catalogue;
}

function loadFontCatalogue(): FontCatalogue {
  const files = new Map<string, string>();
  const css = new Map<string, string>();
  const preload = new Map<string, string[]>();
  for (const p of TYPE_PAIRINGS) {
    css.set(p.id, pairingCss(p, files));
    preload.set(p.id, firstScreenFiles(p));
  }
  return { files, css, preload };
}
