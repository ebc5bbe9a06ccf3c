/**
 * NumPy .npz writer: a ZIP archive (PKWARE APPNOTE 6.3.x, §4.3) of .npy members, stored without
 * compression, which `np.load` opens as a dict of arrays (numpy.savez's format). One local file
 * header + data per member, then the central directory and its end record; CRC-32 (ISO 3309
 * polynomial 0xEDB88320) over each member. Sizes must stay below 4 GiB (no ZIP64).
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** ASCII bytes of a member name (core has no TextEncoder: no DOM or Node types). */
function ascii(name: string): Uint8Array {
  const out = new Uint8Array(name.length);
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c > 0x7e || c < 0x20) throw new RangeError(`npz: member name ${JSON.stringify(name)} is not printable ASCII`);
    out[i] = c;
  }
  return out;
}

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP of `members` (name → bytes), stored; names are ASCII, e.g. "points.npy". */
export function toNpz(members: Readonly<Record<string, Uint8Array>>): Uint8Array<ArrayBuffer> {
  const entries = Object.entries(members).map(([name, data]) => ({ name: ascii(name), data, crc: crc32(data) }));
  const localSize = entries.reduce((a, e) => a + 30 + e.name.length + e.data.length, 0);
  const centralSize = entries.reduce((a, e) => a + 46 + e.name.length, 0);
  const total = localSize + centralSize + 22;
  if (total > 0xffffffff) throw new RangeError('npz: archive larger than 4 GiB');
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  // DOS date 1980-01-01 00:00 (a fixed stamp keeps the archive reproducible).
  const time = 0;
  const date = (0 << 9) | (1 << 5) | 1;
  let p = 0;
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(p);
    view.setUint32(p, 0x04034b50, true);
    view.setUint16(p + 4, 20, true); // version needed: 2.0
    view.setUint16(p + 6, 0, true); // flags
    view.setUint16(p + 8, 0, true); // method: stored
    view.setUint16(p + 10, time, true);
    view.setUint16(p + 12, date, true);
    view.setUint32(p + 14, e.crc, true);
    view.setUint32(p + 18, e.data.length, true);
    view.setUint32(p + 22, e.data.length, true);
    view.setUint16(p + 26, e.name.length, true);
    view.setUint16(p + 28, 0, true);
    out.set(e.name, p + 30);
    out.set(e.data, p + 30 + e.name.length);
    p += 30 + e.name.length + e.data.length;
  }
  const central = p;
  entries.forEach((e, i) => {
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, 20, true); // made by
    view.setUint16(p + 6, 20, true); // needed
    view.setUint16(p + 8, 0, true);
    view.setUint16(p + 10, 0, true);
    view.setUint16(p + 12, time, true);
    view.setUint16(p + 14, date, true);
    view.setUint32(p + 16, e.crc, true);
    view.setUint32(p + 20, e.data.length, true);
    view.setUint32(p + 24, e.data.length, true);
    view.setUint16(p + 28, e.name.length, true);
    // extra, comment, disk, internal attributes: 0
    view.setUint32(p + 38, 0, true); // external attributes
    view.setUint32(p + 42, offsets[i], true);
    out.set(e.name, p + 46);
    p += 46 + e.name.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, entries.length, true);
  view.setUint16(p + 10, entries.length, true);
  view.setUint32(p + 12, p - central, true);
  view.setUint32(p + 16, central, true);
  return out;
}

/** The members of a stored (uncompressed) ZIP, by walking its local headers (for tests and checks). */
export function readStoredZip(bytes: Uint8Array): Record<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Record<string, Uint8Array> = {};
  let p = 0;
  while (p + 30 <= bytes.length && view.getUint32(p, true) === 0x04034b50) {
    if (view.getUint16(p + 8, true) !== 0) throw new Error('zip: compressed members are not supported');
    const size = view.getUint32(p + 18, true);
    const nameLength = view.getUint16(p + 26, true);
    const extra = view.getUint16(p + 28, true);
    const name = String.fromCharCode(...bytes.subarray(p + 30, p + 30 + nameLength));
    const start = p + 30 + nameLength + extra;
    const data = bytes.subarray(start, start + size);
    if (crc32(data) !== view.getUint32(p + 14, true)) throw new Error(`zip: CRC mismatch in ${name}`);
    out[name] = data;
    p = start + size;
  }
  return out;
}
