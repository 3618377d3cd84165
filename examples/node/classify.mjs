// Classify spectra with a saved model: node examples/node/classify.mjs MODEL_DIR spec-1.fits [spec-2.fits ...]
import { readSpectrum } from '@spectra/fits';
import { loadModel, predict, selectBackend } from '@spectra/model';

const [modelDir, ...files] = process.argv.slice(2);
const { backend } = await selectBackend();
const saved = await loadModel(modelDir);
const spectra = await Promise.all(files.map((file) => readSpectrum(file)));
for (const p of await predict(spectra, saved, { topK: 2 })) {
  const top = p.topK.map((t) => `${t.className} ${(100 * t.probability).toFixed(1)}%`).join(', ');
  console.log(`${p.source}: ${p.className ?? 'not classified'} (${top}) [${backend}]`);
}
saved.model.dispose();
