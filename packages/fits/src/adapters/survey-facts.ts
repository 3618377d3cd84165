import type { Header } from '../header.js';
import type { SpectrumMeta } from '../spectrum.js';

/**
 * What a layout knows of the survey behind a file beyond its keywords: the survey, the data release, the
 * spectrograph, each with where it came from (for the metadata table's `sources`).
 */
export interface SurveyFacts {
  survey?: string;
  dataRelease?: string;
  instrument?: string;
  sources: Partial<Record<'survey' | 'dataRelease' | 'instrument', string>>;
}

/**
 * The SDSS data release that introduced each spectroscopic reduction (RUN2D), from the SDSS data release
 * documentation: SDSS-I/II spectra were reduced again as 26 (with 103 and 104 for SEGUE and special plates) for
 * DR8 and kept so since; BOSS v5_4_45 DR9, v5_5_12 DR10, v5_6_5 DR11, v5_7_0/v5_7_2 DR12; eBOSS v5_9_0 DR13,
 * v5_10_0 DR14 (also served in DR15), v5_13_0 DR16, v5_13_2 DR17; SDSS-V v6_0_4 DR18, v6_1_3 DR19.
 */
export const SDSS_RUN2D_RELEASES: Readonly<Record<string, string>> = {
  '26': 'DR8',
  '103': 'DR8',
  '104': 'DR8',
  v5_4_45: 'DR9',
  v5_5_12: 'DR10',
  v5_6_5: 'DR11',
  v5_7_0: 'DR12',
  v5_7_2: 'DR12',
  v5_9_0: 'DR13',
  v5_10_0: 'DR14',
  v5_13_0: 'DR16',
  v5_13_2: 'DR17',
  v6_0_4: 'DR18',
  v6_1_1: 'DR19',
  v6_1_3: 'DR19',
};

/** The first MJD of BOSS (SDSS-III) spectra; SDSS-I/II legacy spectra were taken before it. */
const FIRST_BOSS_MJD = 55000;
/** The first MJD of eBOSS (SDSS-IV, July 2014) and of SDSS-V BOSS (October 2020) spectra. */
const FIRST_EBOSS_MJD = 56840;
const FIRST_SDSS5_MJD = 59135;

/**
 * SDSS optical spectra: the release from RUN2D, and which spectrograph took them — the SDSS spectrographs (SDSS-I/II,
 * RUN2D 26/103/104, before MJD 55000) or the BOSS spectrographs (RUN2D v5_*, v6_*) — both on the SDSS 2.5-m
 * telescope, which is all TELESCOP says.
 */
export function sdssFacts(meta: SpectrumMeta): SurveyFacts {
  const facts: SurveyFacts = { sources: {} };
  const run2d = meta.run2d?.trim();
  const legacy = run2d ? /^\d+$/.test(run2d) : meta.mjd !== undefined ? meta.mjd < FIRST_BOSS_MJD : undefined;
  if (run2d && SDSS_RUN2D_RELEASES[run2d]) {
    facts.dataRelease = SDSS_RUN2D_RELEASES[run2d];
    facts.sources.dataRelease = `RUN2D ${run2d} → ${SDSS_RUN2D_RELEASES[run2d]} (SDSS reduction table)`;
  }
  if (legacy !== undefined) {
    facts.instrument = legacy ? 'SDSS spectrograph' : 'BOSS spectrograph';
    // The survey that took the spectrum goes by its date: a DR17 reduction (v5_13_2) holds BOSS plates of 2009 too.
    facts.survey = legacy
      ? 'SDSS-I/II'
      : meta.mjd !== undefined
        ? bossSurveyOfMjd(meta.mjd)
        : bossSurveyOfRun2d(run2d!);
    const why = run2d ? `RUN2D ${run2d}` : `MJD ${meta.mjd}`;
    facts.sources.instrument = `${why} (SDSS-I/II: SDSS spectrographs; v5+: BOSS)`;
    facts.sources.survey =
      legacy || meta.mjd === undefined
        ? why
        : `MJD ${meta.mjd} (BOSS from ${FIRST_BOSS_MJD}, eBOSS ${FIRST_EBOSS_MJD}, SDSS-V ${FIRST_SDSS5_MJD})`;
  }
  return facts;
}

/**
 * The BOSS-spectrograph survey of a reduction, when no date says: v6 reduces SDSS-V, v5_9 on eBOSS (SDSS-IV, which
 * re-reduced BOSS plates too), earlier v5 BOSS (SDSS-III).
 */
function bossSurveyOfRun2d(run2d: string): string {
  const [major, minor] = (/^v(\d+)_(\d+)/.exec(run2d) ?? []).slice(1).map(Number);
  if (major >= 6) return 'SDSS-V';
  return major === 5 && minor >= 9 ? 'SDSS-IV eBOSS' : 'SDSS-III BOSS';
}

/** The BOSS-spectrograph survey of an observing date, when no RUN2D says. */
function bossSurveyOfMjd(mjd: number): string {
  if (mjd >= FIRST_SDSS5_MJD) return 'SDSS-V';
  return mjd >= FIRST_EBOSS_MJD ? 'SDSS-IV eBOSS' : 'SDSS-III BOSS';
}

/** SDSS-I/II spSpec files: the format of DR1–DR7 (DR8 replaced it with spec files, RUN2D 26). */
export function spSpecFacts(meta: SpectrumMeta): SurveyFacts {
  const facts = sdssFacts(meta);
  if (!facts.dataRelease) {
    facts.dataRelease = 'DR7';
    facts.sources.dataRelease = 'spSpec format (SDSS DR1–DR7; the last release of this layout)';
  }
  return facts;
}

/** LAMOST: the release from DATA_V (e.g. `LAMOST DR7`), and the resolution mode from the layout. */
export function lamostFacts(header: Header, mode: 'LRS' | 'MRS'): SurveyFacts {
  const facts: SurveyFacts = { survey: `LAMOST ${mode}`, sources: { survey: 'layout' } };
  const version = header.string('DATA_V')?.trim();
  const match = version ? /DR\s*(\d+)/i.exec(version) : null;
  if (match) {
    facts.dataRelease = `LAMOST DR${match[1]}`;
    facts.sources.dataRelease = `DATA_V '${version}'`;
  }
  facts.instrument = `LAMOST ${mode === 'LRS' ? 'low' : 'medium'}-resolution spectrographs`;
  facts.sources.instrument = 'layout';
  return facts;
}

/** APOGEE and MaStar files name their survey by layout. */
export function layoutSurvey(survey: string): SurveyFacts {
  return { survey, sources: { survey: 'layout' } };
}

/** Resolving power λ/Δλ(FWHM) per pixel from SDSS `wdisp`: the Gaussian σ of the LSF in pixels of 1e-4 dex. */
export function resolutionFromWdisp(wdisp: ArrayLike<number>): Float32Array {
  const out = new Float32Array(wdisp.length);
  const fwhmPerSigma = 2 * Math.sqrt(2 * Math.LN2);
  for (let i = 0; i < wdisp.length; i++) {
    const sigma = wdisp[i];
    out[i] = sigma > 0 ? 1 / (fwhmPerSigma * sigma * Math.LN10 * 1e-4) : Number.NaN;
  }
  return out;
}

/** Resolving power per pixel from a constant FWHM in Å (library headers' FWHM keyword). */
export function resolutionFromFwhm(wavelength: ArrayLike<number>, fwhmAngstrom: number): Float32Array {
  return Float32Array.from(wavelength, (w) => w / fwhmAngstrom);
}
