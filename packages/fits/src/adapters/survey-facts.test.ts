import { describe, expect, it } from 'vitest';
import { sdssFacts } from './survey-facts.js';

describe('sdssFacts', () => {
  it('names the release from RUN2D, and the survey from it when no MJD dates the spectrum', () => {
    expect(sdssFacts({ run2d: 'v5_13_2' })).toMatchObject({ dataRelease: 'DR17', survey: 'SDSS-IV eBOSS' });
    // A 2009 BOSS plate in the DR17 reduction was taken by SDSS-III.
    expect(sdssFacts({ run2d: 'v5_13_2', mjd: 55181 })).toMatchObject({
      dataRelease: 'DR17',
      survey: 'SDSS-III BOSS',
    });
    expect(sdssFacts({ run2d: 'v5_4_45' })).toMatchObject({ survey: 'SDSS-III BOSS' });
    expect(sdssFacts({ run2d: 'v6_1_1' })).toMatchObject({ dataRelease: 'DR19', survey: 'SDSS-V' });
    expect(sdssFacts({ run2d: '26' })).toMatchObject({
      survey: 'SDSS-I/II',
      instrument: 'SDSS spectrograph',
    });
  });

  it('without RUN2D, dates the spectrograph and survey by MJD', () => {
    expect(sdssFacts({ mjd: 52000 })).toMatchObject({ survey: 'SDSS-I/II', instrument: 'SDSS spectrograph' });
    expect(sdssFacts({ mjd: 55500 })).toMatchObject({
      survey: 'SDSS-III BOSS',
      instrument: 'BOSS spectrograph',
    });
    expect(sdssFacts({ mjd: 57000 })).toMatchObject({ survey: 'SDSS-IV eBOSS' });
    expect(sdssFacts({ mjd: 59500 })).toMatchObject({ survey: 'SDSS-V' });
    expect(sdssFacts({}).survey).toBeUndefined();
  });
});
