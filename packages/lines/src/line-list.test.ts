import { describe, expect, it } from 'vitest';
import { airToVacuum, vacuumToAir } from './air-vacuum.js';
import { LINE_LIST_COLUMNS, lineList, lineListCsv } from './line-list.js';

// Published air/vacuum pairs (NIST ASD): Hα, Hβ, Na D2, Ca II K, Mg b2, [O III] 5007.
const PAIRS: Array<[string, number, number]> = [
  ['Hα', 6562.8, 6564.61],
  ['Hβ', 4861.33, 4862.68],
  ['Na D2', 5889.951, 5891.583],
  ['Ca II K', 3933.663, 3934.777],
  ['Mg b2', 5172.684, 5174.125],
  ['[O III] 5007', 5006.843, 5008.24],
];

describe('air ↔ vacuum (Morton 2000)', () => {
  it.each(PAIRS)('%s: air %f ↔ vacuum %f within 0.01 Å', (_name, air, vacuum) => {
    expect(Math.abs(airToVacuum(air) - vacuum)).toBeLessThan(0.01);
    expect(Math.abs(vacuumToAir(vacuum) - air)).toBeLessThan(0.01);
  });

  it('the two directions invert each other to 1e-8 relative from 3000 to 11000 Å', () => {
    for (let lambda = 3000; lambda <= 11000; lambda += 37.1) {
      expect(Math.abs(vacuumToAir(airToVacuum(lambda)) - lambda) / lambda).toBeLessThan(1e-8);
    }
  });

  it('leaves the vacuum ultraviolet unchanged', () => {
    expect(airToVacuum(1215.67)).toBe(1215.67);
  });
});

describe('the line list', () => {
  it('has at least 40 stellar features across O..M with every Table C column', () => {
    const stellar = lineList.filter((l) => !l.elem.startsWith('['));
    expect(stellar.length).toBeGreaterThanOrEqual(40);
    for (const entry of lineList) {
      expect(entry.lambda_rest_A).toBeGreaterThan(
        entry.lambda_air_A - (entry.lambda_air_A < 2000 ? 1e-9 : 0),
      );
      expect(entry.ref).toMatch(/NIST|Kirkpatrick|Morgan|Vanden Berk/);
      expect(['line', 'blend', 'band']).toContain(entry.kind);
    }
  });

  it('contains the features MK classification relies on', () => {
    const names = new Set(lineList.map((l) => l.transition));
    for (const name of [
      'Hα',
      'Hβ',
      'Hγ',
      'Hδ',
      'Hε',
      'H8',
      'H9',
      'H10',
      'P9',
      'Ca II K',
      'Ca II H',
      'Ca II 8542',
      'Ca I 4227',
      'Na D1',
      'Na D2',
      'Mg b1',
      'Mg b2',
      'Mg b4',
      'Mg II 4481',
      'G band',
      'K I 7665',
      'K I 7699',
      'Li I 6708',
      'O I 7774',
      'Si II 6347',
      'Si III 4553',
      'Si IV 4089',
      'Fe II 5169',
      'TiO 7054',
      'CaH 6382',
      'VO 7334',
    ]) {
      expect(names, name).toContain(name);
    }
    for (const he of [
      'He I 4026',
      'He I 4471',
      'He I 4922',
      'He I 5876',
      'He I 6678',
      'He I 7065',
      'He II 4200',
      'He II 4541',
      'He II 4686',
      'He II 5411',
    ]) {
      expect(names, he).toContain(he);
    }
    for (const fe of [4046, 4064, 4072, 4132, 4144, 4383, 4405, 5270, 5328])
      expect(names).toContain(`Fe I ${fe}`);
  });

  it('is sorted by vacuum wavelength and Hα sits at the SDSS vacuum value 6564.61', () => {
    for (let i = 1; i < lineList.length; i++)
      expect(lineList[i].lambda_rest_A).toBeGreaterThanOrEqual(lineList[i - 1].lambda_rest_A);
    expect(lineList.find((l) => l.transition === 'Hα')!.lambda_rest_A).toBeCloseTo(6564.61, 2);
  });

  it('writes line_list.csv with the Table C columns first', () => {
    const csv = lineListCsv();
    const [header, ...rows] = csv.trim().split('\n');
    expect(header).toBe(LINE_LIST_COLUMNS.join(','));
    expect(rows.length).toBe(lineList.length);
    expect(csv).toContain('H I,Hα,6564.61');
  });
});
