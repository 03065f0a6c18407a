"""Record musicnn's own outputs (TensorFlow, the wheel's MSD_musicnn checkpoint) once, for the
port's test (tests/models/test_musicnn.py). Moodify never needs TensorFlow; this script runs in a
separate environment that has it:

    python -m venv /tmp/tfenv
    /tmp/tfenv/bin/pip install tensorflow-cpu==2.15.1 "numpy<2" librosa soundfile
    /tmp/tfenv/bin/pip install --no-deps musicnn==0.1.0
    /tmp/tfenv/bin/python tools/record_musicnn_reference.py tests/fixtures/musicnn_reference.npz

The clip is generated here (seeded): 9 s of a major-key arpeggio over a kick drum, then noise,
so the three 3 s patches differ. The file holds the clip (int16), musicnn's mel patches
(float16, as musicnn computes them) and its tag probabilities per patch.
"""

import os
import sys
import tempfile

import numpy as np

RATE = 16000


def clip() -> np.ndarray:
    rng = np.random.default_rng(20261124)
    t = np.arange(int(6 * RATE)) / RATE
    notes = 440 * 2 ** (np.array([0, 4, 7, 12, 7, 4]) / 12)
    melody = np.sin(2 * np.pi * notes[(t * 4).astype(int) % 6] * t) * 0.3
    kick = np.sin(2 * np.pi * 60 * t) * np.exp(-((t * 2) % 1) * 20) * 0.6
    tail = rng.normal(0, 0.1, 3 * RATE)
    return np.concatenate([melody + kick, tail]).astype(np.float32)


def main(out: str) -> None:
    import soundfile
    import tensorflow as tf
    from musicnn import configuration, extractor, models

    samples = np.round(clip() * 32767).astype(np.int16)
    with tempfile.TemporaryDirectory() as folder:
        wav = os.path.join(folder, "clip.wav")
        soundfile.write(wav, samples, RATE, subtype="PCM_16")
        patches, _ = extractor.batch_data(wav, 187, 187)
    tf.compat.v1.reset_default_graph()
    x = tf.compat.v1.placeholder(tf.float32, [None, 187, configuration.N_MELS])
    training = tf.compat.v1.placeholder(tf.bool)
    logits = models.define_model(x, training, "MSD_musicnn", len(configuration.MSD_LABELS))[0]
    session = tf.compat.v1.Session()
    tf.compat.v1.train.Saver().restore(session, os.path.join(os.path.dirname(extractor.__file__), "MSD_musicnn") + "/")
    probs = session.run(tf.nn.sigmoid(logits), {x: patches.astype(np.float32), training: False})
    np.savez_compressed(out, samples=samples, rate=RATE, patches=patches.astype(np.float16),
                        probs=probs.astype(np.float32), labels=np.array(configuration.MSD_LABELS))
    print(f"{out}: {len(patches)} patches, top tags per patch:",
          [configuration.MSD_LABELS[i] for i in probs.argmax(1)])


if __name__ == "__main__":
    main(sys.argv[1])
