/**
 * Archives for media-upload tests, written by hand so they can hold what a well-behaved archiver never
 * writes (`../evil`, `/etc/x`, links, devices): a zip with stored (uncompressed) entries, and tars through
 * tar-stream's packer, which writes any header it is given.
 */
import zlib from 'node:zlib';
import tar from 'tar-stream';

export interface ArchiveEntry {
  name: string;
  /** File content; absent for a folder or a link. */
  data?: Buffer | string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device';
  /** A link's target. */
  linkname?: string;
  /** Zip only: deflate the data (else stored). */
  deflate?: boolean;
}

const S_IFMT: Record<NonNullable<ArchiveEntry['type']>, number> = {
  file: 0o100644,
  directory: 0o040755,
  symlink: 0o120777,
  link: 0o100644,
  'character-device': 0o020644,
};

/** A zip (stored or deflated entries, made "on Unix" so the mode bits count), as Info-ZIP lays it out. */
export function buildZip(entries: ArchiveEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const raw = Buffer.from(e.type === 'symlink' ? (e.linkname ?? '') : (e.data ?? ''));
    const crc = zlib.crc32(raw);
    const data = e.deflate ? zlib.deflateRawSync(raw) : raw;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(e.deflate ? 8 : 0, 8); // deflated or stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((S_IFMT[e.type ?? 'file'] << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A tar (gzipped when asked) holding exactly these headers. */
export async function buildTar(entries: ArchiveEntry[], gzip = false): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c) => chunks.push(c as Buffer));
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const e of entries) {
    const type = e.type ?? 'file';
    const data = Buffer.from(e.data ?? '');
    pack.entry({ name: e.name, type, linkname: e.linkname, size: type === 'file' ? data.length : 0 }, data);
  }
  pack.finalize();
  await done;
  const out = Buffer.concat(chunks);
  return gzip ? zlib.gzipSync(out) : out;
}
