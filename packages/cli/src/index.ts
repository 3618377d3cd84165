export type { CliIo } from './cli-io.js';
export { processIo } from './cli-io.js';
export { runCaptured } from './run-captured.js';
export { EXIT, runCli } from './run-cli.js';
export type { SpectrumSummary } from './summarize-spectrum.js';
export { formatSummary, summarizeSpectrum } from './summarize-spectrum.js';
export { VERSION } from './version.js';
