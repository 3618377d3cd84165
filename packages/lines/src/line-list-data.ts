import type { LineKind } from './line-list.js';

/**
 * [elem, transition, λ (Å; air above 2000 Å, vacuum below, the NIST convention), lower→upper, kind, reference,
 * MK range where the feature appears in stellar spectra (`O0–A1`, on the O0…M9 scale; `any` for emission lines of
 * nebulae and AGN, which do not depend on the star)]; vacuum above 2000 Å is derived.
 */
export type LineRecord = [string, string, number, string, LineKind, string, string];

const NIST = 'NIST ASD (Kramida et al. 2023), air';
const BAND = 'band head, air; Kirkpatrick et al. 1991 ApJS 77, 417';
const CH = 'CH A-X band (G band), air; Morgan & Keenan MK system';
const QSO = 'Vanden Berk et al. 2001 AJ 122, 549 (SDSS composite quasar), vacuum';

/** The stellar and nebular features Spectra knows, with NIST air wavelengths (λ > 2000 Å). */
export const LINE_RECORDS: LineRecord[] = [
  // H I Balmer
  ['H I', 'Hα', 6562.8, 'n=2→3', 'line', NIST, 'O0–M9'],
  ['H I', 'Hβ', 4861.33, 'n=2→4', 'line', NIST, 'O0–M9'],
  ['H I', 'Hγ', 4340.47, 'n=2→5', 'line', NIST, 'O0–M9'],
  ['H I', 'Hδ', 4101.74, 'n=2→6', 'line', NIST, 'O0–M9'],
  ['H I', 'Hε', 3970.07, 'n=2→7', 'line', NIST, 'O0–M9'],
  ['H I', 'H8', 3889.05, 'n=2→8', 'line', NIST, 'O0–M9'],
  ['H I', 'H9', 3835.38, 'n=2→9', 'line', NIST, 'O0–M9'],
  ['H I', 'H10', 3797.9, 'n=2→10', 'line', NIST, 'O0–M9'],
  // H I Paschen inside SDSS/BOSS coverage
  ['H I', 'Pδ', 10049.37, 'n=3→7', 'line', NIST, 'O0–M9'],
  ['H I', 'Pε', 9545.97, 'n=3→8', 'line', NIST, 'O0–M9'],
  ['H I', 'P9', 9229.01, 'n=3→9', 'line', NIST, 'O0–M9'],
  ['H I', 'P10', 9014.91, 'n=3→10', 'line', NIST, 'O0–M9'],
  ['H I', 'P11', 8862.78, 'n=3→11', 'line', NIST, 'O0–M9'],
  ['H I', 'P12', 8750.47, 'n=3→12', 'line', NIST, 'O0–M9'],
  ['H I', 'P13', 8665.02, 'n=3→13', 'line', NIST, 'O0–M9'],
  ['H I', 'P14', 8598.39, 'n=3→14', 'line', NIST, 'O0–M9'],
  // He I
  ['He I', 'He I 4026', 4026.19, '2p 3P°–5d 3D', 'line', NIST, 'O0–A1'],
  ['He I', 'He I 4388', 4387.93, '2p 1P°–5d 1D', 'line', NIST, 'O0–A1'],
  ['He I', 'He I 4471', 4471.48, '2p 3P°–4d 3D', 'line', NIST, 'O0–A1'],
  ['He I', 'He I 4922', 4921.93, '2p 1P°–4d 1D', 'line', NIST, 'O0–A1'],
  ['He I', 'He I 5016', 5015.68, '2s 1S–3p 1P°', 'line', NIST, 'O0–A1'],
  ['He I', 'He I 5876', 5875.62, '2p 3P°–3d 3D (D3)', 'line', NIST, 'O0–A1'],
  ['He I', 'He I 6678', 6678.15, '2p 1P°–3d 1D', 'line', NIST, 'O0–A1'],
  ['He I', 'He I 7065', 7065.19, '2p 3P°–3s 3S', 'line', NIST, 'O0–A1'],
  // He II
  ['He II', 'He II 4200', 4199.83, 'n=4→11', 'line', NIST, 'O0–B0'],
  ['He II', 'He II 4541', 4541.59, 'n=4→9', 'line', NIST, 'O0–B0'],
  ['He II', 'He II 4686', 4685.7, 'n=3→4', 'line', NIST, 'O0–B0'],
  ['He II', 'He II 5411', 5411.52, 'n=4→7', 'line', NIST, 'O0–B0'],
  // Calcium
  ['Ca II', 'Ca II K', 3933.663, '4s 2S1/2–4p 2P°3/2', 'line', NIST, 'O0–M9'],
  ['Ca II', 'Ca II H', 3968.468, '4s 2S1/2–4p 2P°1/2', 'line', NIST, 'O0–M9'],
  ['Ca II', 'Ca II 8498', 8498.02, '3d 2D3/2–4p 2P°3/2', 'line', NIST, 'A0–M9'],
  ['Ca II', 'Ca II 8542', 8542.09, '3d 2D5/2–4p 2P°3/2', 'line', NIST, 'A0–M9'],
  ['Ca II', 'Ca II 8662', 8662.14, '3d 2D3/2–4p 2P°1/2', 'line', NIST, 'A0–M9'],
  ['Ca I', 'Ca I 4227', 4226.73, '4s2 1S0–4s4p 1P°1', 'line', NIST, 'F0–M9'],
  // Sodium, potassium, lithium
  ['Na I', 'Na D2', 5889.951, '3s 2S1/2–3p 2P°3/2', 'line', NIST, 'A5–M9'],
  ['Na I', 'Na D1', 5895.924, '3s 2S1/2–3p 2P°1/2', 'line', NIST, 'A5–M9'],
  ['Na I', 'Na I 8183', 8183.26, '3p 2P°1/2–3d 2D3/2', 'line', NIST, 'G5–M9'],
  ['Na I', 'Na I 8195', 8194.82, '3p 2P°3/2–3d 2D5/2', 'line', NIST, 'G5–M9'],
  ['K I', 'K I 7665', 7664.9, '4s 2S1/2–4p 2P°3/2', 'line', NIST, 'K0–M9'],
  ['K I', 'K I 7699', 7698.96, '4s 2S1/2–4p 2P°1/2', 'line', NIST, 'K0–M9'],
  ['Li I', 'Li I 6708', 6707.8, '2s 2S1/2–2p 2P° (doublet)', 'blend', NIST, 'F5–M9'],
  // Magnesium
  ['Mg I', 'Mg b1', 5183.6, '3p 3P°2–4s 3S1', 'line', NIST, 'A5–M9'],
  ['Mg I', 'Mg b2', 5172.684, '3p 3P°1–4s 3S1', 'line', NIST, 'A5–M9'],
  ['Mg I', 'Mg b4', 5167.32, '3p 3P°0–4s 3S1', 'line', NIST, 'A5–M9'],
  ['Mg II', 'Mg II 4481', 4481.2, '3d 2D–4f 2F° (4481.13 + 4481.33)', 'blend', NIST, 'B0–F5'],
  // Iron (MK classification lines)
  ['Fe I', 'Fe I 4046', 4045.81, 'a3F4–y3F°4', 'line', NIST, 'F0–M9'],
  ['Fe I', 'Fe I 4064', 4063.59, 'a3F3–y3F°3', 'line', NIST, 'F0–M9'],
  ['Fe I', 'Fe I 4072', 4071.74, 'a3F2–y3F°2', 'line', NIST, 'F0–M9'],
  ['Fe I', 'Fe I 4132', 4132.06, 'a3F2–y3F°3', 'line', NIST, 'F0–M9'],
  ['Fe I', 'Fe I 4144', 4143.87, 'a3F3–y3F°4', 'line', NIST, 'F0–M9'],
  ['Fe I', 'Fe I 4383', 4383.55, 'a3F4–z3G°5', 'line', NIST, 'F0–M9'],
  ['Fe I', 'Fe I 4405', 4404.75, 'a3F3–z3G°4', 'line', NIST, 'F0–M9'],
  ['Fe I', 'Fe I 5270', 5269.54, 'a5F5–z5D°4', 'line', NIST, 'F0–M9'],
  ['Fe I', 'Fe I 5328', 5328.04, 'a5F4–z5D°3', 'line', NIST, 'F0–M9'],
  ['Fe II', 'Fe II 4924', 4923.93, 'a6S5/2–z6P°3/2 (multiplet 42)', 'line', NIST, 'A0–K5'],
  ['Fe II', 'Fe II 5018', 5018.44, 'a6S5/2–z6P°5/2 (multiplet 42)', 'line', NIST, 'A0–K5'],
  ['Fe II', 'Fe II 5169', 5169.03, 'a6S5/2–z6P°7/2 (multiplet 42)', 'line', NIST, 'A0–K5'],
  // Strontium, oxygen, silicon, carbon (A and B stars)
  ['Sr II', 'Sr II 4078', 4077.71, '5s 2S1/2–5p 2P°3/2', 'line', NIST, 'A0–K9'],
  ['O I', 'O I 7772', 7771.94, '3s 5S°2–3p 5P3', 'line', NIST, 'B0–G5'],
  ['O I', 'O I 7774', 7774.17, '3s 5S°2–3p 5P2', 'line', NIST, 'B0–G5'],
  ['O I', 'O I 7775', 7775.39, '3s 5S°2–3p 5P1', 'line', NIST, 'B0–G5'],
  ['Si II', 'Si II 4128', 4128.07, '3d 2D3/2–4f 2F°5/2', 'line', NIST, 'B0–A9'],
  ['Si II', 'Si II 4131', 4130.89, '3d 2D5/2–4f 2F°7/2', 'line', NIST, 'B0–A9'],
  ['Si II', 'Si II 6347', 6347.11, '4s 2S1/2–4p 2P°3/2', 'line', NIST, 'B0–A9'],
  ['Si II', 'Si II 6371', 6371.37, '4s 2S1/2–4p 2P°1/2', 'line', NIST, 'B0–A9'],
  ['Si III', 'Si III 4553', 4552.62, '4s 3S1–4p 3P°2', 'line', NIST, 'O7–B5'],
  ['Si III', 'Si III 4568', 4567.84, '4s 3S1–4p 3P°1', 'line', NIST, 'O7–B5'],
  ['Si III', 'Si III 4575', 4574.76, '4s 3S1–4p 3P°0', 'line', NIST, 'O7–B5'],
  ['Si IV', 'Si IV 4089', 4088.86, '4s 2S1/2–4p 2P°3/2', 'line', NIST, 'O0–B1'],
  ['Si IV', 'Si IV 4116', 4116.1, '4s 2S1/2–4p 2P°1/2', 'line', NIST, 'O0–B1'],
  ['C II', 'C II 4267', 4267.26, '3d 2D–4f 2F° (blend)', 'blend', NIST, 'O9–B6'],
  // Molecular bands (M, K stars); wavelengths are band heads
  ['CH', 'G band', 4300.3, 'A2Δ–X2Π (0,0)', 'band', CH, 'F0–K9'],
  ['TiO', 'TiO 4955', 4954.6, 'α system band head', 'band', BAND, 'K5–M9'],
  ['TiO', 'TiO 5167', 5166.7, 'α system band head', 'band', BAND, 'K5–M9'],
  ['TiO', 'TiO 5448', 5448.5, 'α system band head', 'band', BAND, 'K5–M9'],
  ['TiO', 'TiO 6158', 6158.0, 'γ′ system band head', 'band', BAND, 'K5–M9'],
  ['TiO', 'TiO 6651', 6651.0, 'γ′ system band head', 'band', BAND, 'K5–M9'],
  ['TiO', 'TiO 7054', 7053.9, 'γ (0,0) band head', 'band', BAND, 'K5–M9'],
  ['TiO', 'TiO 7589', 7589.3, 'γ (0,1) band head', 'band', BAND, 'K5–M9'],
  ['TiO', 'TiO 8432', 8432.5, 'ε system band head', 'band', BAND, 'K5–M9'],
  ['CaH', 'CaH 6382', 6382.0, 'A2Π–X2Σ band head', 'band', BAND, 'K5–M9'],
  ['CaH', 'CaH 6750', 6750.0, 'B2Σ–X2Σ band head', 'band', BAND, 'K5–M9'],
  ['VO', 'VO 7334', 7334.0, 'B4Π–X4Σ band head', 'band', BAND, 'M6–M9'],
  ['VO', 'VO 7851', 7851.0, 'B4Π–X4Σ band head', 'band', BAND, 'M6–M9'],
  // Emission lines of active stars, nebulae and AGN
  ['[O II]', '[O II] 3726', 3726.03, '2p3 4S°3/2–2D°3/2', 'line', NIST, 'any'],
  ['[O II]', '[O II] 3729', 3728.82, '2p3 4S°3/2–2D°5/2', 'line', NIST, 'any'],
  ['[Ne III]', '[Ne III] 3869', 3868.76, '2p4 3P2–1D2', 'line', NIST, 'any'],
  ['[O III]', '[O III] 4959', 4958.91, '2p2 3P1–1D2', 'line', NIST, 'any'],
  ['[O III]', '[O III] 5007', 5006.84, '2p2 3P2–1D2', 'line', NIST, 'any'],
  ['[O I]', '[O I] 6300', 6300.3, '2p4 3P2–1D2', 'line', NIST, 'any'],
  ['[N II]', '[N II] 6548', 6548.05, '2p2 3P1–1D2', 'line', NIST, 'any'],
  ['[N II]', '[N II] 6583', 6583.45, '2p2 3P2–1D2', 'line', NIST, 'any'],
  ['[S II]', '[S II] 6716', 6716.44, '3p3 4S°3/2–2D°5/2', 'line', NIST, 'any'],
  ['[S II]', '[S II] 6731', 6730.82, '3p3 4S°3/2–2D°3/2', 'line', NIST, 'any'],
  // Strong UV lines of quasars (vacuum: below 2000 Å wavelengths are quoted in vacuum); broad, often blended
  ['H I', 'Lyα', 1215.67, 'n=1→2', 'line', QSO, 'any'],
  ['N V', 'N V 1240', 1240.14, '2s 2S–2p 2P° (doublet)', 'blend', QSO, 'any'],
  ['O I', 'O I 1304', 1304.35, '2p4 3P–3s 3S° (blend)', 'blend', QSO, 'any'],
  ['C II', 'C II 1335', 1335.3, '2p 2P°–2p2 2D (blend)', 'blend', QSO, 'any'],
  ['Si IV', 'Si IV+O IV] 1400', 1399.8, 'Si IV 1394/1403 + O IV] 1402', 'blend', QSO, 'any'],
  ['C IV', 'C IV 1549', 1549.06, '2s 2S–2p 2P° (doublet)', 'blend', QSO, 'any'],
  ['He II', 'He II 1640', 1640.42, 'n=2→3', 'line', QSO, 'any'],
  ['C III]', 'C III] 1909', 1908.73, '2s2 1S–2s2p 3P°1', 'line', QSO, 'any'],
  ['Mg II', 'Mg II 2798', 2797.92, '3s 2S–3p 2P° (doublet, broad)', 'blend', `${QSO}; air`, 'any'],
  ['[Ne V]', '[Ne V] 3426', 3425.88, '2p2 3P2–1D2', 'line', NIST, 'any'],
  ['[O III]', '[O III] 4363', 4363.21, '2p2 1D2–1S0', 'line', NIST, 'any'],
  ['Mg II', 'Mg II 2796', 2795.53, '3s 2S1/2–3p 2P°3/2', 'line', NIST, 'any'],
  ['Mg II', 'Mg II 2803', 2802.71, '3s 2S1/2–3p 2P°1/2', 'line', NIST, 'any'],
];
