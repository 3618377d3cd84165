import { Option } from 'commander';

/** `--frame air|vacuum`: the medium of a file's wavelengths when the user knows better than its header. */
export function frameOption(): Option {
  return new Option(
    '--frame <medium>',
    'the wavelengths are in air or vacuum (default: the header’s VACUUM/AIRORVAC/WAVEFORM/CTYPE1, else the layout’s default: SDSS, LAMOST, APOGEE, MaStar vacuum; other 1-D images such as MILES and Indo-US air)',
  ).choices(['air', 'vacuum']);
}
