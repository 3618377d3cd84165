import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SummarySpill } from './summary-spill.js';

interface Summary {
  specId: string;
  snr: number | null;
  range: number[];
  identity: { plate: number | null; objectId: string | null };
}

const parents: string[] = [];
afterEach(() => {
  for (const parent of parents.splice(0)) rmSync(parent, { recursive: true, force: true });
});
const scratch = () => {
  const parent = mkdtempSync(join(tmpdir(), 'spectra-spill-test-'));
  parents.push(parent);
  return parent;
};

describe('SummarySpill', () => {
  it('gives back every record in order, across many read chunks, with non-finite numbers and any Unicode', () => {
    const parent = scratch();
    const spill = new SummarySpill<Summary>(parent);
    const made: Summary[] = [];
    // ~6 MB of lines: records straddle the 1 MiB read chunks, multi-byte characters included.
    for (let i = 0; i < 40_000; i++) {
      const record: Summary = {
        specId: `spec-${i}-Å-α-★-${'x'.repeat(i % 97)}`,
        snr: i % 5 === 0 ? null : i % 7 === 0 ? Number.NaN : i % 11 === 0 ? -Infinity : i / 3,
        range: [3650 + i, i % 13 === 0 ? Infinity : 10_000],
        identity: { plate: i % 3 ? i : null, objectId: i % 4 ? null : `obj "${i}"\n\\` },
      };
      made.push(record);
      spill.append(record);
    }
    expect(spill.length).toBe(made.length);
    const back = spill.readAll();
    expect(back).toHaveLength(made.length);
    for (let i = 0; i < made.length; i++) expect(back[i], `record ${i}`).toEqual(made[i]);
    expect(Number.isNaN(back[7].snr)).toBe(true);
    // Appending after a read keeps going at the end.
    spill.append(made[0]);
    expect(spill.readAll().at(-1)).toEqual(made[0]);
    spill.dispose();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('keeps nothing on disk after dispose, and an empty spill reads back empty', () => {
    const parent = scratch();
    const spill = new SummarySpill<Summary>(parent);
    expect(readdirSync(parent)).toHaveLength(1);
    expect(spill.readAll()).toEqual([]);
    spill.dispose();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('fails at once for a scratch folder that does not exist', () => {
    const missing = join(scratch(), 'no', 'such', 'folder');
    expect(() => new SummarySpill<Summary>(missing)).toThrow(/ENOENT/);
    expect(existsSync(missing)).toBe(false);
  });
});
