"""bench/train, the Keras side: the reference CNN of @spectra/model in Keras, same shapes, random inputs.

Prints one JSON line: training and inference samples/s. Run by run.mjs in the same run as ours.
Usage: python keras_cnn.py SAMPLES PIXELS CHANNELS
"""
import json
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402


def reference_cnn(pixels, channels, classes):
    """The reference CNN of @spectra/model in Keras (also used by realstars_python.py)."""
    return keras.Sequential(
        [
            keras.Input((pixels, channels)),
            layers.Conv1D(16, 7, padding="same", activation="relu"),
            layers.MaxPooling1D(4),
            layers.Conv1D(32, 5, padding="same", activation="relu"),
            layers.MaxPooling1D(4),
            layers.Conv1D(64, 3, padding="same", activation="relu"),
            layers.MaxPooling1D(4),
            layers.Flatten(),
            layers.Dense(64, activation="relu"),
            layers.Dropout(0.3),
            layers.Dense(classes, activation="softmax"),
        ]
    )


def main():
    samples, pixels, channels = (int(v) for v in sys.argv[1:4])
    rng = np.random.default_rng(1)
    x = rng.normal(0, 1, (samples, pixels, channels)).astype("float32")
    y = keras.utils.to_categorical(rng.integers(0, 7, samples), 7)

    model = reference_cnn(pixels, channels, 7)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy", metrics=["accuracy"])
    model.fit(x[:128], y[:128], epochs=1, batch_size=64, verbose=0)
    start = time.perf_counter()
    model.fit(x, y, epochs=1, batch_size=64, verbose=0)
    train = time.perf_counter() - start
    model.predict(x[:256], batch_size=256, verbose=0)
    start = time.perf_counter()
    model.predict(x, batch_size=256, verbose=0)
    infer = time.perf_counter() - start
    print(
        json.dumps(
            {
                "parameters": model.count_params(),
                "train_samples_per_s": samples / train,
                "infer_samples_per_s": samples / infer,
                "keras": keras.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
