"""bench/train/realstars, the Python side: the same folds and inputs as realstars.mjs.

sklearn: logistic regression and nearest centroid (Debian python3-sklearn); keras: a 20-line 1-D CNN.
Prints one line per model: letter accuracy (mean ± std over folds), per S/N, within one letter, train seconds.
"""
import json
import sys
import time

import numpy as np

spec = json.load(open(sys.argv[1]))
which = sys.argv[2]
classes = len(spec["classNames"])
mk = "OBAFGKM"
letters = np.array([mk.index(c) if c in mk else -100 for c in spec["classNames"]])


def load(part, length):
    x = np.fromfile(part["path"], dtype=np.float32).reshape(part["rows"], length)
    return x, np.array(part["labels"]), np.array(part["snr"])


def models():
    if which == "sklearn":
        from sklearn.linear_model import LogisticRegression
        from sklearn.neighbors import NearestCentroid

        yield "scikit-learn logistic regression", lambda: LogisticRegression(max_iter=2000, C=1.0)
        yield "scikit-learn nearest centroid", lambda: NearestCentroid()
    else:
        yield "Keras 1-D CNN", None


def keras_fit_predict(xtr, ytr, xva, yva, xte):
    import keras
    from keras_cnn import reference_cnn

    keras.utils.set_random_seed(1)
    n = xtr.shape[1]
    model = reference_cnn(n, 1, classes)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    stop = keras.callbacks.EarlyStopping(patience=4, restore_best_weights=True)
    model.fit(xtr[..., None], ytr, validation_data=(xva[..., None], yva), epochs=30, batch_size=64, verbose=0, callbacks=[stop])
    return model.predict(xte[..., None], verbose=0).argmax(-1)


for name, make in models():
    acc, within, seconds, per = [], [], [], {10: [], 20: [], 40: []}
    for fold in spec["folds"]:
        n = fold["length"]
        xtr, ytr, _ = load(fold["train"], n)
        xva, yva, _ = load(fold["validation"], n)
        xte, yte, snr = load(fold["test"], n)
        start = time.perf_counter()
        if make is None:
            pred = keras_fit_predict(xtr, ytr, xva, yva, xte)
        else:
            model = make().fit(np.concatenate([xtr, xva]), np.concatenate([ytr, yva]))
            pred = model.predict(xte)
        seconds.append(time.perf_counter() - start)
        acc.append(np.mean(pred == yte))
        within.append(np.mean(np.abs(letters[pred] - letters[yte]) <= 1))
        for s in per:
            m = snr == s
            if m.any():
                per[s].append(np.mean(pred[m] == yte[m]))
    f = lambda v, d=3: f"{np.mean(v):.{d}f} ± {np.std(v, ddof=1):.{d}f}"
    print(
        f"{name:<24} letter {f(acc)}  S/N10 {f(per[10])}  S/N20 {f(per[20])}  S/N40 {f(per[40])}  within one {f(within, 4)}  train {f(seconds, 0)} s  folds {' '.join(f'{a:.3f}' for a in acc)}"
    )
