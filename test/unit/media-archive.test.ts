import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { safeEntryPath, unpackMediaArchive, uploadsRootOf } from '../../src/features/importers/media-archive.js';
import { buildTar, buildZip, type ArchiveEntry } from '../helpers/archives.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'media-archive-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function unpack(kind: 'zip' | 'tar' | 'tar.gz', entries: ArchiveEntry[]) {
  const work = fs.mkdtempSync(path.join(dir, 'case-'));
  const file = path.join(work, `archive.${kind}`);
  fs.writeFileSync(file, kind === 'zip' ? buildZip(entries) : await buildTar(entries, kind === 'tar.gz'));
  const into = path.join(work, 'out');
  fs.mkdirSync(into);
  const result = await unpackMediaArchive(file, into, { maxBytes: 1024 * 1024 });
  return { into, result };
}

describe('media archive entries', () => {
  it('keeps relative paths and refuses every way out of the folder', () => {
    expect(safeEntryPath('./2025/05/roof.jpg')).toEqual(['2025', '05', 'roof.jpg']);
    expect(safeEntryPath('uploads//2025/')).toEqual(['uploads', '2025']);
    for (const [name, why] of [
      ['../x.jpg', /outside the folder/],
      ['2025/../../x.jpg', /outside the folder/],
      ['/etc/passwd', /absolute path/],
      ['C:/Windows/x', /absolute path/],
      ['2025\\..\\x.jpg', /backslash/],
      ['a\0b', /NUL/],
    ] as const) {
      expect(() => safeEntryPath(name), name).toThrow(why);
    }
  });

  for (const kind of ['zip', 'tar', 'tar.gz'] as const) {
    it(`unpacks plain files and folders of a ${kind}`, async () => {
      const { into, result } = await unpack(kind, [
        { name: 'uploads/', type: 'directory' },
        { name: 'uploads/2025/05/roof.jpg', data: 'roof' },
        { name: 'uploads/2025/06/crane.jpg', data: 'crane!' },
      ]);
      expect(result).toEqual({ files: 2, bytes: 10 });
      expect(fs.readFileSync(path.join(into, 'uploads', '2025', '05', 'roof.jpg'), 'utf8')).toBe('roof');
      expect(fs.statSync(path.join(into, 'uploads', '2025', '05', 'roof.jpg')).mode & 0o777).toBe(0o600);
    });
  }

  it('refuses hard links and devices in a tar, and symbolic links in a zip', async () => {
    await expect(unpack('tar', [{ name: 'hard', type: 'link', linkname: '/etc/passwd' }])).rejects.toThrow(
      /is a hard link/,
    );
    await expect(unpack('tar', [{ name: 'dev', type: 'character-device' }])).rejects.toThrow(/is a device/);
    await expect(unpack('zip', [{ name: 'up', type: 'symlink', linkname: '..' }])).rejects.toThrow(
      /is a symbolic link/,
    );
    await expect(unpack('zip', [{ name: 'dev', type: 'character-device' }])).rejects.toThrow(
      /not a plain file or folder/,
    );
  });

  it('refuses a damaged archive as unreadable', async () => {
    const file = path.join(dir, 'cut.tar.gz');
    fs.writeFileSync(file, (await buildTar([{ name: 'a.jpg', data: 'x'.repeat(5000) }], true)).subarray(0, 40));
    fs.mkdirSync(path.join(dir, 'out'));
    await expect(unpackMediaArchive(file, path.join(dir, 'out'), { maxBytes: 1e6 })).rejects.toMatchObject({
      code: 'MEDIA_ARCHIVE_UNREADABLE',
    });
  });
});

describe('the uploads folder inside an unpacked archive', () => {
  const make = (files: string[]) => {
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), 'x');
    }
  };

  it('is wp-content/uploads, uploads, or the one folder around the years', async () => {
    make(['wp-content/uploads/2025/05/a.jpg', '__MACOSX/wp-content/._a.jpg']);
    expect(await uploadsRootOf(dir)).toBe(path.join(dir, 'wp-content', 'uploads'));
  });

  it('is the archive itself when it holds the years', async () => {
    make(['2024/01/a.jpg']);
    expect(await uploadsRootOf(dir)).toBe(dir);
    make(['2025/01/b.jpg']);
    expect(await uploadsRootOf(dir)).toBe(dir);
  });
});
