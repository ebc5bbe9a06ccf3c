// electron/json-file.ts: small JSON files read through a schema (defaults and a reason when
// unusable, never a throw) and written atomically (no temporary file left behind).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from '../../electron/json-file.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'critlab-json-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const schema = z.object({ n: z.number().int() });

describe('readJsonFile / writeJsonFile', () => {
  it('writes atomically into a created folder and reads back', () => {
    const file = path.join(dir, 'sub', 'x.json');
    writeJsonFile(file, { n: 3 });
    expect(readJsonFile(file, schema, { n: 0 })).toEqual({ value: { n: 3 } });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['x.json']);
    writeJsonFile(file, { n: 4 });
    expect(readJsonFile(file, schema, { n: 0 }).value).toEqual({ n: 4 });
  });

  it('missing file: the defaults, no problem; unreadable, malformed or invalid: the defaults and why', () => {
    expect(readJsonFile(path.join(dir, 'none.json'), schema, { n: 0 })).toEqual({ value: { n: 0 } });
    fs.mkdirSync(path.join(dir, 'folder.json'));
    expect(readJsonFile(path.join(dir, 'folder.json'), schema, { n: 0 })).toEqual({ value: { n: 0 }, problem: expect.stringMatching(/cannot be read \(EISDIR\); using defaults/) });
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"n":');
    expect(readJsonFile(path.join(dir, 'bad.json'), schema, { n: 0 }).problem).toMatch(/is not valid JSON/);
    fs.writeFileSync(path.join(dir, 'wrong.json'), '{"n": 1.5}');
    expect(readJsonFile(path.join(dir, 'wrong.json'), schema, { n: 0 })).toEqual({ value: { n: 0 }, problem: expect.stringMatching(/is invalid \(n: .*\); using defaults/) });
  });
});
