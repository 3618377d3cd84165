// Write a small synthetic survey: node examples/node/make-survey.mjs OUT_DIR
import { generateDataset } from '@spectra/synth';

const summary = await generateDataset(process.argv[2], { perClass: 2, formats: 'mix', seed: 1 });
console.log(
  `${summary.files.length} spectra, ${summary.catalogRows} catalogue rows in ${summary.catalogPath}`,
);
