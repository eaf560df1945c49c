import sharp from 'sharp';

/** Draws a demo infographic (a bar chart) as a PNG, locally with sharp: no external asset. */
export async function makeInfographic(
  title: string,
  values: Array<[string, number]>,
  /** The footer line: where the figures come from. */
  source: string,
): Promise<Buffer> {
  const w = 1600;
  const h = 1000;
  const max = Math.max(...values.map(([, v]) => v));
  const barW = Math.floor((w - 240) / values.length) - 30;
  const bars = values
    .map(([label, v], i) => {
      const bh = Math.round((v / max) * 620);
      const x = 160 + i * (barW + 30);
      const y = 860 - bh;
      return `<rect x="${x}" y="${y}" width="${barW}" height="${bh}" fill="#1d4f91"/>
      <text x="${x + barW / 2}" y="${y - 16}" font-size="34" text-anchor="middle" fill="#111">${v}</text>
      <text x="${x + barW / 2}" y="910" font-size="32" text-anchor="middle" fill="#333">${label}</text>`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="DejaVu Sans, sans-serif">
    <rect width="100%" height="100%" fill="#fbf8f1"/>
    <text x="80" y="110" font-size="60" font-weight="bold" fill="#111">${title}</text>
    <line x1="140" y1="860" x2="${w - 60}" y2="860" stroke="#333" stroke-width="3"/>
    ${bars}
    <text x="80" y="975" font-size="26" fill="#555">${source}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
