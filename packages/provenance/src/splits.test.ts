import { planDataset } from '@spectra/synth';
import { describe, expect, it } from 'vitest';
import { hashArray, PreprocessingLog } from './preprocessing-log.js';
import { leakageGroups, makeSplits, type SplitItem } from './splits.js';

function items(seed: number): SplitItem[] {
  const plan = planDataset({ perClass: 60, seed });
  const rows = plan.map((p) => ({
    specId: `spec-${p.plate}-${p.mjd}-${p.fiber}`,
    plate: p.plate,
    mjd: p.mjd,
    fiber: p.fiber,
    letter: p.letter,
  }));
  const groups = leakageGroups(rows);
  return rows.map((r) => ({ specId: r.specId, classLabel: r.letter, group: groups.get(r.specId)! }));
}

describe('makeSplits', () => {
  it('never puts one leakage group in two splits', () => {
    const rows = makeSplits(items(3), { seed: 7 });
    const splitOf = new Map<string, string>();
    for (const row of rows) {
      const previous = splitOf.get(row.leakage_group);
      if (previous) expect(row.split).toBe(previous);
      splitOf.set(row.leakage_group, row.split);
    }
    expect(new Set(rows.map((r) => r.split))).toEqual(new Set(['train', 'validation', 'test']));
  });

  it('keeps every class near 70/15/15', () => {
    const rows = makeSplits(items(4), { seed: 1 });
    for (const letter of 'OBAFGKM') {
      const ofClass = rows.filter((r) => r.class_label === letter);
      const train = ofClass.filter((r) => r.split === 'train').length / ofClass.length;
      expect(train, letter).toBeGreaterThan(0.5);
      expect(train, letter).toBeLessThan(0.9);
    }
  });

  it('gives the same split for the same seed and a different one for another', () => {
    const data = items(5);
    expect(makeSplits(data, { seed: 11 })).toEqual(makeSplits(data, { seed: 11 }));
    expect(makeSplits(data, { seed: 11 }).map((r) => r.split)).not.toEqual(
      makeSplits(data, { seed: 12 }).map((r) => r.split),
    );
  });

  it('groups by plate–MJD when several fibres share it, by plate–MJD–fibre otherwise', () => {
    const groups = leakageGroups([
      { specId: 'a', plate: 1, mjd: 5, fiber: 1 },
      { specId: 'b', plate: 1, mjd: 5, fiber: 2 },
      { specId: 'c', plate: 2, mjd: 5, fiber: 9 },
      { specId: 'd', plate: null, mjd: null, fiber: null },
    ]);
    expect([...groups.values()]).toEqual(['1-5', '1-5', '2-5-9', 'd']);
  });
});

describe('PreprocessingLog', () => {
  it('repeat observations of one object share a group: the same object id, or positions within 1″', () => {
    const base = { mjd: null, fiber: null };
    const groups = leakageGroups([
      {
        specId: 'a',
        plate: 100,
        mjd: 51000,
        fiber: 1,
        objectId: '1237651250974556408',
        raDeg: 237.28446,
        decDeg: 52.635,
      },
      {
        specId: 'b',
        plate: 200,
        mjd: 52000,
        fiber: 9,
        objectId: '1237651250974556408',
        raDeg: 237.28446,
        decDeg: 52.635,
      },
      // No id in common, 0.5″ apart (at Dec 80°, where RA degrees shrink), and 3″ apart.
      { specId: 'c', plate: 300, ...base, objectId: null, raDeg: 10, decDeg: 80 },
      {
        specId: 'd',
        plate: 400,
        ...base,
        objectId: 'other',
        raDeg: 10 + 0.5 / 3600 / Math.cos((80 * Math.PI) / 180),
        decDeg: 80,
      },
      { specId: 'e', plate: 500, ...base, objectId: null, raDeg: 10, decDeg: 80 + 3 / 3600 },
      // Joined transitively through d's id.
      { specId: 'f', plate: 600, mjd: 1, fiber: 2, objectId: 'other', raDeg: null, decDeg: null },
    ]);
    expect(groups.get('a')).toBe(groups.get('b'));
    expect(groups.get('a')).toBe('100-51000-1');
    expect(groups.get('c')).toBe(groups.get('d'));
    expect(groups.get('f')).toBe(groups.get('c'));
    expect(groups.get('e')).not.toBe(groups.get('c'));
    expect(
      new Set(
        makeSplits(['a', 'b'].map((specId) => ({ specId, classLabel: 'M', group: groups.get(specId)! }))).map(
          (r) => r.split,
        ),
      ).size,
    ).toBe(1);
  });

  it('numbers steps per spectrum and hashes the resulting arrays reproducibly', () => {
    const log = new PreprocessingLog({ clock: () => '2026-11-24T00:00:00.000Z' });
    const flux = new Float32Array([1, 2, 3]);
    log.record('a', 'load_spectrum', { path: 'a.fits' }, flux);
    log.record('a', 'continuum_normalise', { method: 'sigma-clip' }, new Float32Array([1, 1, 1]), [
      '3 pixels masked',
    ]);
    log.record('b', 'load_spectrum', {}, flux);
    const rows = log.rows();
    expect(rows.map((r) => [r.spec_id, r.step_order, r.step_name])).toEqual([
      ['a', 1, 'load_spectrum'],
      ['a', 2, 'continuum_normalise'],
      ['b', 1, 'load_spectrum'],
    ]);
    expect(rows[0].result_hash).toBe(rows[2].result_hash);
    expect(rows[0].result_hash).toBe(hashArray(Float32Array.from([1, 2, 3])));
    expect(rows[0].result_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[1].warnings).toBe('3 pixels masked');
    expect(log.drain().length).toBe(3);
    expect(log.rows().length).toBe(0);
  });
});
