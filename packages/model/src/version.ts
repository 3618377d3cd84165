/** This package's version, kept equal to package.json by a test; recorded in every saved model. */
export const MODEL_PACKAGE_VERSION = '0.1.0';
