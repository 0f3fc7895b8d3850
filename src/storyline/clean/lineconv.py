"""A keep/drop model that reads a document's lines in order: small 1-D convolutional nets over
the line features, loaded from a reviewed JSON file.

The boosted trees of :mod:`storyline.clean.lineclassifier` judge each line from its own
features and the context columns written for it. These nets see the feature rows of the
lines around it as well (five residual convolutions of width 3, dilated 1, 2, 4, 8, 16 lines:
31 lines either side), so they learn what a run of lines looks like — the rows of a table or
product list inside an article against a menu or a teaser list — rather than only what the
hand-written context columns say about it. ``scripts/train_line_classifier.py`` fits them
(PyTorch, at training time only) and writes their weights; scoring here is numpy.

A file holds numbers only: the feature names, the features' mean and scale (each feature is
standardised and clipped to ±``clip``), the dilations, the decision threshold and, for each net
of the ensemble, its weights as base64 float32 arrays (``{"shape": [...], "float32": "..."}``).
P(keep) is the logistic of the nets' mean logit.

This is the shipped kind (``line_model_plain.json``, ten nets): held out it scores higher than
the trees (``clean/data/line_model.md``).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from threadpoolctl import ThreadpoolController

from storyline.errors import ConfigError

CHUNK = 2048  # lines scored in one piece (see ConvLineModel.probability)


@cache
def _blas() -> ThreadpoolController:
    """The BLAS libraries loaded (numpy's among them), found once, when a model first scores.
    The nets' matrix products are small: BLAS threads gain nothing on them, and where the
    machine's cores are busy (other workers, a parse beside it) they wait on one another and
    made scoring 13-27 times slower. Scoring runs on one BLAS thread."""
    return ThreadpoolController()


def _normal_float32(values: np.ndarray) -> np.ndarray:
    """``values`` as contiguous float32 with subnormal numbers set to zero. Training leaves
    thousands of weights decayed below float32's smallest normal number; a CPU multiplies those
    in microcode, which made scoring ten times slower, and they add nothing a float32 sum keeps."""
    array = np.ascontiguousarray(values, dtype=np.float32)
    return np.where(np.abs(array) < np.finfo(np.float32).tiny, np.float32(0.0), array)


def encode_array(values: np.ndarray) -> dict[str, Any]:
    """The JSON form of an array: its shape and its float32 bytes in base64."""
    array = np.ascontiguousarray(values, dtype="<f4")
    return {"shape": list(array.shape), "float32": base64.b64encode(array.tobytes()).decode("ascii")}


def decode_array(data: dict[str, Any]) -> np.ndarray:
    """The array of :func:`encode_array`'s JSON form (float64)."""
    shape = tuple(int(n) for n in data["shape"])
    array = np.frombuffer(base64.b64decode(data["float32"], validate=True), dtype="<f4")
    return array.reshape(shape).astype(float)


@dataclass(frozen=True, slots=True, eq=False)
class ConvLineModel:
    """An ensemble of nets, scored together (every weight has a leading nets axis).

    For each net: ``z = relu(x @ w_in + b_in)``; for each dilation ``d``, ``z += relu(b +
    z[t-d] @ w[0] + z[t] @ w[1] + z[t+d] @ w[2])``; its logit is ``z @ w_out + b_out``.
    ``x`` is a line's feature row, standardised by ``mean`` and ``scale`` and clipped.
    """

    name: str
    features: tuple[str, ...]
    threshold: float
    mean: np.ndarray  # (features,)
    scale: np.ndarray  # (features,)
    clip: float
    dilations: tuple[int, ...]
    w_in: np.ndarray  # (nets, features, width)
    b_in: np.ndarray  # (nets, width)
    w_conv: tuple[np.ndarray, ...]  # per dilation: (nets, 3, width, width), input × output
    b_conv: tuple[np.ndarray, ...]  # per dilation: (nets, width)
    w_out: np.ndarray  # (nets, width)
    b_out: np.ndarray  # (nets,)
    # Scoring aids, derived, float32: the input weights of all nets side by side (features ×
    # nets·width), each convolution's three taps stacked (nets × 3·width × width), biases
    # shaped to broadcast over (nets × lines × width).
    _w_in_flat: np.ndarray = field(init=False, repr=False)
    _b_in: np.ndarray = field(init=False, repr=False)
    _w_conv_flat: tuple[np.ndarray, ...] = field(init=False, repr=False)
    _b_conv: tuple[np.ndarray, ...] = field(init=False, repr=False)
    _w_out: np.ndarray = field(init=False, repr=False)
    _b_out: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._validate()
        nets, n_features, width = self.w_in.shape
        f32 = _normal_float32
        derived = {
            "_w_in_flat": f32(self.w_in.transpose(1, 0, 2).reshape(n_features, nets * width)),
            "_b_in": f32(self.b_in[:, None, :]),
            "_w_conv_flat": tuple(f32(w.reshape(nets, 3 * width, width)) for w in self.w_conv),
            "_b_conv": tuple(f32(b[:, None, :]) for b in self.b_conv),
            "_w_out": f32(self.w_out[:, :, None]),
            "_b_out": f32(self.b_out[:, None]),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConvLineModel:
        """A model from its JSON form; ConfigError when a field is missing or the arrays do
        not fit together."""
        name = str(data.get("name"))
        try:
            features = tuple(str(f) for f in data["features"])
            dilations = tuple(int(d) for d in data["dilations"])
            nets = data["nets"]
            if any(len(net["convs"]) != len(dilations) for net in nets):
                raise ValueError("a net has not one convolution per dilation")
            stacked = {key: np.stack([decode_array(net[key]) for net in nets])
                       for key in ("w_in", "b_in", "w_out", "b_out")}
            w_conv = tuple(np.stack([decode_array(net["convs"][i]["w"]) for net in nets])
                           for i in range(len(dilations)))
            b_conv = tuple(np.stack([decode_array(net["convs"][i]["b"]) for net in nets])
                           for i in range(len(dilations)))
            model = cls(name, features, float(data["threshold"]), decode_array(data["mean"]),
                        decode_array(data["scale"]), float(data["clip"]), dilations,
                        stacked["w_in"], stacked["b_in"], w_conv, b_conv, stacked["w_out"],
                        stacked["b_out"].reshape(-1))
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ConfigError(f"line model {name!r} is malformed: {exc}") from exc
        return model

    def _validate(self) -> None:
        nets, n_features, width = self.w_in.shape if self.w_in.ndim == 3 else (0, 0, 0)
        shapes_fit = (
            nets > 0 and n_features == len(self.features)
            and self.mean.shape == self.scale.shape == (n_features,)
            and self.b_in.shape == self.w_out.shape == (nets, width) and self.b_out.shape == (nets,)
            and all(w.shape == (nets, 3, width, width) for w in self.w_conv)
            and all(b.shape == (nets, width) for b in self.b_conv)
            and all(d >= 1 for d in self.dilations))
        arrays = (self.mean, self.scale, self.w_in, self.b_in, self.w_out, self.b_out,
                  *self.w_conv, *self.b_conv)
        if not shapes_fit or not all(np.all(np.isfinite(a)) for a in arrays) or np.any(
                self.scale <= 0):
            raise ConfigError(f"line model {self.name!r}: weights do not fit together")

    def check(self, expected: Sequence[str]) -> None:
        """ConfigError unless the model was fitted on exactly these features, in this order."""
        if tuple(expected) != self.features:
            raise ConfigError(f"line model {self.name!r} was fitted on other features")

    def probability(self, rows: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
        """P(keep) for each line of one document; ``rows`` are its feature rows in line order.

        A long document is scored CHUNK lines at a time, each chunk with the ``sum(dilations)``
        lines either side that its verdicts can see, so memory stays bounded and the result is
        the same as in one piece."""
        x = np.asarray(rows, dtype=float).reshape(-1, len(self.features))
        x = np.clip((x - self.mean) / self.scale, -self.clip, self.clip).astype(np.float32)
        reach, n = sum(self.dilations), len(x)
        with _blas().limit(limits=1, user_api="blas"):
            if n <= CHUNK + 2 * reach:
                return self._probability(x)
            out = np.empty(n)
            for a in range(0, n, CHUNK):
                b = min(a + CHUNK, n)
                lo, hi = max(a - reach, 0), min(b + reach, n)
                out[a:b] = self._probability(x[lo:hi])[a - lo: b - lo]
            return out

    def _probability(self, x: np.ndarray) -> np.ndarray:
        """P(keep) for standardised, clipped float32 rows, in one piece."""
        if not len(x):
            return np.zeros(0)
        (nets, width), n, pad = self.b_in.shape, len(x), max(self.dilations)
        # The lines' hidden values with ``pad`` zero rows either side: the convolutions'
        # zero padding, so that line t's neighbours t ± d are plain slices.
        padded = np.zeros((nets, n + 2 * pad, width), dtype=np.float32)
        z = padded[:, pad: pad + n]
        z[:] = (x @ self._w_in_flat).reshape(n, nets, width).transpose(1, 0, 2) + self._b_in
        np.maximum(z, 0.0, out=z)
        for d, w, b in zip(self.dilations, self._w_conv_flat, self._b_conv, strict=True):
            taps = (padded[:, pad - d: pad - d + n], z, padded[:, pad + d: pad + d + n])
            s = np.concatenate(taps, axis=2) @ w + b
            z += np.maximum(s, 0.0, out=s)
        logits = (z @ self._w_out)[:, :, 0] + self._b_out
        return 1.0 / (1.0 + np.exp(-np.clip(logits.mean(axis=0).astype(float), -500.0, 500.0)))

    def keep(self, rows: np.ndarray | Sequence[Sequence[float]]) -> list[tuple[bool, float]]:
        """(keep, P(keep)) for each line of one document."""
        return [(p >= self.threshold, p) for p in self.probability(rows).tolist()]
