import { SpectraError } from '@spectra/core';

/** A model folder that is missing, unreadable or does not fit what is asked of it. */
export class ModelFolderError extends SpectraError {
  constructor(code: 'SPECTRA_MODEL_MISSING' | 'SPECTRA_MODEL_INCOMPATIBLE', message: string, folder: string) {
    super(code, message, { file: folder });
  }
}
