import { readSpectrum, SpectraError, type Spectrum } from '@spectra/fits';
import { findLines } from '@spectra/lines';
import { loadModelFromUrl, type Prediction, predict, type SavedModel, selectBackend } from '@spectra/model';
import { spectrumLinesFigure } from '@spectra/pipeline/figure1';
import { mountFigure } from '@spectra/plot';

// The whole page: read the file the user gives (or a sample), draw Figure 1, list its metadata and identified
// lines, and classify it with the pretrained model served beside the page. Everything runs here; nothing leaves.

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const SAMPLES = ['sample-G-star.fits', 'sample-M-star.fits', 'sample-A-star.fits'];

let model: Promise<SavedModel> | undefined;
/** The pretrained classifier, loaded once, on the CPU backend (no wasm files to serve). */
function classifier(): Promise<SavedModel> {
  model ??= selectBackend('cpu').then(() => loadModelFromUrl(new URL('model/', document.baseURI)));
  return model;
}

let view: { finalize(): void } | undefined;

async function show(source: File | Blob, name: string): Promise<void> {
  const status = $('status');
  status.className = '';
  status.textContent = `Reading ${name}…`;
  try {
    const spectrum = await readSpectrum(source, { name });
    status.textContent = `${name}: ${spectrum.format}, ${spectrum.flux.length} pixels, ${spectrum.wavelength[0].toFixed(1)}–${spectrum.wavelength[spectrum.wavelength.length - 1].toFixed(1)} Å (${spectrum.frame})`;
    $('title').textContent = name;
    $('result').hidden = false;
    const { spec } = spectrumLinesFigure(spectrum);
    view?.finalize();
    const figure = $('figure');
    figure.replaceChildren();
    view = await mountFigure(figure, spec);
    figure.setAttribute('data-rendered', 'true');
    showMeta(spectrum);
    showLines(spectrum);
    $('classification').textContent = 'Classifying…';
    const [prediction] = await predict([spectrum], await classifier(), { topK: 3 });
    showPrediction(prediction);
  } catch (error) {
    status.className = 'error';
    status.textContent =
      error instanceof SpectraError
        ? `${name} could not be read: ${error.message} [${error.code}]`
        : `Something went wrong with ${name}: ${(error as Error).message}`;
    $('result').hidden = true;
  }
}

function row(cells: Array<string | number | null | undefined>, header = false): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement(header ? 'th' : 'td');
    td.textContent = cell === null || cell === undefined ? '' : String(cell);
    tr.append(td);
  }
  return tr;
}

function showMeta(spectrum: Spectrum): void {
  const table = $('meta');
  table.replaceChildren();
  const { sources, ...meta } = spectrum.meta;
  for (const [key, value] of Object.entries(meta))
    table.append(row([key, typeof value === 'number' ? Number(value.toPrecision(8)) : String(value)]));
  table.append(row(['frame', `${spectrum.frame} (${spectrum.frameSource})`]));
  if (spectrum.fluxUnit) table.append(row(['flux unit', spectrum.fluxUnit]));
}

function showLines(spectrum: Spectrum): void {
  const table = $('lines');
  table.replaceChildren(row(['line', 'λ observed (Å)', 'kind', 'EW (Å)', 'confidence'], true));
  const lines = findLines(spectrum, { identify: { z: spectrum.meta.redshift ?? 0 } }).filter(
    (l) => l.transition,
  );
  for (const line of lines)
    table.append(
      row([
        line.transition,
        line.centerAngstrom.toFixed(2),
        line.type,
        line.ewAngstrom.toFixed(2),
        line.confidence,
      ]),
    );
}

function showPrediction(prediction: Prediction): void {
  const box = $('classification');
  box.replaceChildren();
  const head = document.createElement('div');
  if (prediction.className) {
    head.innerHTML = 'Class <span class="class"></span>';
    (head.querySelector('.class') as HTMLElement).textContent =
      `${prediction.spectralType ?? prediction.className} (${(100 * prediction.probability).toFixed(1)}%)`;
  } else {
    head.textContent = `Not classified: ${prediction.rejection?.reason ?? 'not a star'}`;
  }
  head.id = 'answer';
  box.append(head);
  for (const { className, probability } of prediction.topK) {
    const line = document.createElement('div');
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.width = `${Math.round(200 * probability)}px`;
    line.append(`${className} ${(100 * probability).toFixed(1)}% `, bar);
    box.append(line);
  }
}

$<HTMLInputElement>('file').addEventListener('change', (event) => {
  const file = (event.target as HTMLInputElement).files?.[0];
  if (file) void show(file, file.name);
});
const drop = $('open');
drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.classList.add('dragging');
});
drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('dragging');
  const file = event.dataTransfer?.files[0];
  if (file) void show(file, file.name);
});
for (const sample of SAMPLES) {
  const button = document.createElement('button');
  button.className = 'sample';
  button.textContent = sample.replace(/^sample-|\.fits$/g, '');
  button.addEventListener('click', async () => {
    const response = await fetch(new URL(`samples/${sample}`, document.baseURI));
    void show(await response.blob(), sample);
  });
  $('samples').append(button);
}
