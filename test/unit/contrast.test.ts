import { describe, expect, it } from 'vitest';
import { contrastRatio, formatRatio, normalizeHexColour } from '../../src/lib/contrast.js';
import { accentProblem } from '../../src/platform/site-identity.js';
import { english } from '../../src/platform/i18n.js';

describe('WCAG contrast', () => {
  it('measures black on white as 21:1 and a colour on itself as 1:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1d4f91', '#1d4f91')).toBe(1);
  });

  it('reads #rgb and #rrggbb in any case, and nothing else', () => {
    expect(normalizeHexColour(' #ABC ')).toBe('#aabbcc');
    expect(normalizeHexColour('#8A1C1C')).toBe('#8a1c1c');
    for (const bad of ['red', '#12345', '#1234567', 'url(x)', '#ggg', '']) expect(normalizeHexColour(bad)).toBeNull();
  });

  it('rounds a ratio down, so a failing ratio never reads as 4.50:1', () => {
    expect(formatRatio(4.4999)).toBe('4.49:1');
    expect(formatRatio(21)).toBe('21.00:1');
  });

  it('accepts the default accent and a dark red, and refuses grey #777 and yellow with both ratios', () => {
    expect(accentProblem('#1d4f91')).toBeNull();
    expect(accentProblem('#8a1c1c')).toBeNull();
    expect(english(accentProblem('#777777')!)).toMatch(
      /^#777777 has a contrast of 4\.\d\d:1 .* and 4\.4\d:1 with white text/,
    );
    expect(english(accentProblem('#ffcc00')!)).toContain(
      '1.48:1 against the page background and 1.51:1 with white text',
    );
  });
});
