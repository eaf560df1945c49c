import { describe, expect, it } from 'vitest';
import { imageIdsInBody, renderArticleBody } from '../../src/features/articles/article.markdown.js';

/** Attacks an author (or a stolen author account) could paste into the body, Markdown or raw HTML. */
const ATTACKS: Array<[string, string]> = [
  ['a script element', 'Hello <script>alert(1)</script> world'],
  ['a script split across lines', '<script\n>alert(1)</script\n>'],
  ['an image with onerror', '<img src="x" onerror="alert(1)">'],
  ['a library image with onerror', '<img src="image:1" onerror="alert(1)">'],
  ['a link with onclick', '<a href="/x" onclick="alert(1)">x</a>'],
  ['an svg with onload', '<svg onload="alert(1)"><circle r="1"/></svg>'],
  ['a body with onload', '<body onload="alert(1)">x</body>'],
  ['an iframe', '<iframe src="https://evil.example/"></iframe>'],
  ['an object and an embed', '<object data="x.swf"></object><embed src="x.swf">'],
  ['a style element and attribute', '<style>body{display:none}</style><p style="position:fixed">x</p>'],
  [
    'a form with formaction',
    '<form action="https://evil.example"><button formaction="javascript:alert(1)">go</button></form>',
  ],
  ['a javascript: link in HTML', '<a href="javascript:alert(1)">x</a>'],
  ['a javascript: link, mixed case and spaced', '<a href="  JaVaScRiPt:alert(1)">x</a>'],
  ['a javascript: link, entity-encoded', '<a href="&#106;avascript&#58;alert(1)">x</a>'],
  ['a javascript: link with a tab inside', '<a href="java\tscript:alert(1)">x</a>'],
  ['a javascript: link in Markdown', '[click](javascript:alert(1))'],
  ['a javascript: image in Markdown', '![x](javascript:alert(1))'],
  ['a data: URL', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ['a vbscript: URL', '<a href="vbscript:msgbox(1)">x</a>'],
  ['a meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['a forged image placeholder', '<figure data-image-id="1" onmouseover="alert(1)"></figure>'],
];

describe('article bodies: Markdown with raw HTML through the sanitizer', () => {
  for (const [name, body] of ATTACKS) {
    it(`removes ${name}`, () => {
      const html = renderArticleBody(body);
      expect(html).not.toMatch(/<script|<iframe|<object|<embed|<svg|<style|<form|<meta|<body/i);
      expect(html).not.toMatch(/\son\w+\s*=/i);
      // Every URL left is a web, mail or site-relative one (a refused Markdown link stays as plain text).
      for (const [, url] of html.matchAll(/\s(?:href|src|action|formaction)="([^"]*)"/gi))
        expect(url).toMatch(/^(https?:|mailto:|\/(?!\/)|#)/);
      expect(html).not.toMatch(/<a [^>]*href="[^"]*(javascript|vbscript|data):/i);
      expect(html).not.toMatch(/style=/i);
      // A library image keeps its place (without the handler); nothing else becomes a figure.
      expect(imageIdsInBody(html)).toEqual(name === 'a library image with onerror' ? [1] : []);
    });
  }

  it('keeps the formatting a newsroom needs', () => {
    const html = renderArticleBody(
      '## Heading\n\n**Bold**, _em_, `code`, [link](https://example.org/a).\n\n> Quote\n\n- one\n- two\n\n<table><tr><th scope="col">A</th></tr><tr><td>1</td></tr></table>\n\n<abbr title="Riverton Transit">RT</abbr>',
    );
    expect(html).toContain('<h2>Heading</h2>');
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).toContain('<a href="https://example.org/a" rel="noopener">link</a>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<th scope="col">A</th>');
    expect(html).toContain('<abbr title="Riverton Transit">RT</abbr>');
  });

  it('turns a library image on its own line into a placeholder and drops images from other sites', () => {
    const html = renderArticleBody(
      'Before.\n\n![A chart](image:42)\n\n![Tracker](https://tracker.example/pixel.gif)\n\n<img src="//cdn.example/x.png" alt="x">\n\nAfter.',
    );
    expect(imageIdsInBody(html)).toEqual([42]);
    expect(html).not.toContain('tracker.example');
    expect(html).not.toContain('cdn.example');
    expect(html).toMatch(/<p id="p1">Before.<\/p>/);
  });

  it('numbers paragraphs so calls to action and comments can point at them', () => {
    const html = renderArticleBody('One.\n\nTwo.\n\nThree.');
    expect([...html.matchAll(/<p id="(p\d+)">/g)].map((m) => m[1])).toEqual(['p1', 'p2', 'p3']);
  });
});

describe('article bodies: figures stand between top-level blocks only', () => {
  it('moves a library image out of a quote or a list to just after it, keeping the block whole', () => {
    const html = renderArticleBody('> a\n>\n> ![x](image:1)\n>\n> b\n\n- one\n- ![y](image:2)\n\n![z](image:3)');
    expect(html).toMatch(
      /<blockquote>\s*<p id="p1">a<\/p>\s*<p id="p2">b<\/p>\s*<\/blockquote>\s*<figure data-image-id="1"><\/figure>/,
    );
    expect(html).toMatch(
      /<ul>\s*<li>one<\/li>\s*<\/ul>\s*<figure data-image-id="2"><\/figure>\s*<figure data-image-id="3"><\/figure>/,
    );
    expect(imageIdsInBody(html)).toEqual([1, 2, 3]);
  });

  it('keeps a line break and a table intact', () => {
    const html = renderArticleBody('End<br>here\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain('<p id="p1">End<br />here</p>');
    expect(html).toMatch(/<table>[\s\S]*<td>2<\/td>[\s\S]*<\/table>/);
  });
});
