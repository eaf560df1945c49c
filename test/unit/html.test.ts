import { describe, expect, it } from 'vitest';
import { html, trusted } from '../../src/lib/html.js';
import { renderArticleBody } from '../../src/features/articles/article.markdown.js';
import { formatMoney, toMinor } from '../../src/lib/money.js';

describe('escaping and sanitizing', () => {
  it('escapes every interpolation in the template renderer', () => {
    expect(html`<p>${'<script>alert(1)</script>'} ${'"x"'}</p>`.value).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot;</p>',
    );
    expect(html`<p>${trusted('<b>ok</b>')}</p>`.value).toBe('<p><b>ok</b></p>');
  });

  it('strips scripts, event handlers and javascript: links from article bodies', () => {
    const out = renderArticleBody(
      'Hello <script>alert(1)</script>\n\n<img src="x" onerror="alert(1)">\n\n[click](javascript:alert(1)) <a href="https://ok.example" onclick="x()">ok</a>',
    );
    expect(out).not.toMatch(/<script|onerror|onclick|href="javascript:/i);
    expect(out).toContain('href="https://ok.example"');
  });

  it('numbers paragraphs and turns library images into placeholders', () => {
    const out = renderArticleBody('One.\n\n![A chart](image:7)\n\nTwo.');
    expect(out).toBe('<p id="p1">One.</p>\n<figure data-image-id="7"></figure>\n<p id="p2">Two.</p>\n');
  });
});

describe('money', () => {
  it('uses the currency minor unit', () => {
    expect(toMinor(12.5, 'EUR')).toBe(1250);
    expect(toMinor(500, 'JPY')).toBe(500);
    expect(formatMoney(112_000, 'USD')).toBe('$1,120');
    expect(formatMoney(500, 'JPY')).toBe('¥500');
  });
});
