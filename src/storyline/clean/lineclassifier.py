"""A boosted-trees keep/drop model over line features, loaded from a reviewed JSON file (the
kind shipped until the convolutional nets of :mod:`storyline.clean.lineconv` replaced it), and
the loader of every kind of line model.

The model files under ``clean/data/`` are written by ``scripts/train_line_classifier.py``
(see ``clean/data/line_model.md`` for how and from what). A file holds numbers only: the
feature names it was fitted on, a bias, the decision threshold, and a list of *oblivious*
trees — each tree asks the same ``depth`` questions ("is feature f above t?") of every line,
and the answers, read as the bits of a number, pick one of its ``2 ** depth`` leaf values.
P(keep) is the logistic of the bias plus the picked leaf of every tree. Scoring a whole
document is a handful of numpy operations.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from storyline.clean.lineconv import ConvLineModel
from storyline.errors import ConfigError


@dataclass(frozen=True, slots=True, eq=False)
class LineModel:
    """P(keep) = sigmoid(bias + Σ_trees leaf[tree][bits]); keep when P ≥ threshold.

    ``split_features`` and ``split_thresholds`` are (trees × depth) arrays, ``leaves`` is
    (trees × 2 ** depth); bit d of a line's leaf index is ``x[split_features[t, d]] >
    split_thresholds[t, d]``.
    """

    name: str
    features: tuple[str, ...]
    bias: float
    threshold: float
    split_features: np.ndarray
    split_thresholds: np.ndarray
    leaves: np.ndarray
    # Scoring aids, derived: the distinct (feature, threshold) questions, which of them each
    # tree asks at each depth (depth × trees), and where each tree's leaves start in leaves.ravel().
    _ask_features: np.ndarray = field(init=False, repr=False)
    _ask_thresholds: np.ndarray = field(init=False, repr=False)
    _asked: np.ndarray = field(init=False, repr=False)
    _leaf_start: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        pairs = np.stack([self.split_features.ravel(), self.split_thresholds.ravel()], axis=1)
        unique, asked = np.unique(pairs, axis=0, return_inverse=True)
        object.__setattr__(self, "_ask_features", unique[:, 0].astype(np.intp))
        object.__setattr__(self, "_ask_thresholds", unique[:, 1][:, None])
        object.__setattr__(self, "_asked", asked.reshape(self.split_features.shape).T.ravel())
        starts = np.arange(len(self.leaves)) * self.leaves.shape[1]
        object.__setattr__(self, "_leaf_start", starts[:, None])

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        """A model from its JSON form (``trees``: a list of ``{split: [[feature, threshold],
        ...], leaves: [...]}``); ConfigError when a field is missing or the trees are not
        all of one depth over the listed features."""
        name = str(data.get("name"))
        try:
            features = tuple(str(f) for f in data["features"])
            bias, threshold = float(data["bias"]), float(data["threshold"])
            splits = np.array([tree["split"] for tree in data["trees"]], dtype=float)
            leaves = np.array([tree["leaves"] for tree in data["trees"]], dtype=float)
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"line model {name!r} is malformed: {exc}") from exc
        if splits.ndim != 3 or splits.shape[2] != 2 or not 1 <= splits.shape[1] <= 8 or (
                leaves.shape != (splits.shape[0], 2 ** splits.shape[1])):
            raise ConfigError(f"line model {name!r}: trees of uneven depth or leaf count")
        index = splits[:, :, 0].astype(int)
        if not (np.all(index == splits[:, :, 0]) and np.all((index >= 0) & (index < len(features)))
                and np.all(np.isfinite(splits[:, :, 1])) and np.all(np.isfinite(leaves))):
            raise ConfigError(f"line model {name!r}: a split names no listed feature")
        return cls(name, features, bias, threshold, index, splits[:, :, 1], leaves)

    def check(self, expected: Sequence[str]) -> None:
        """ConfigError unless the model was fitted on exactly these features, in this order."""
        if tuple(expected) != self.features:
            raise ConfigError(f"line model {self.name!r} was fitted on other features")

    def probability(self, rows: np.ndarray | Sequence[Sequence[float]]) -> np.ndarray:
        """P(keep) for each feature row."""
        x = np.asarray(rows, dtype=float).reshape(-1, len(self.features))
        answers = (x.T.take(self._ask_features, axis=0) > self._ask_thresholds).view(np.uint8)
        depth, trees = self.split_features.shape[1], len(self.leaves)
        bits = answers.take(self._asked, axis=0).reshape(depth, trees, len(x))
        leaf = bits[0].copy()
        for d in range(1, depth):
            leaf |= bits[d] << d
        z = self.bias + np.ones(trees) @ self.leaves.ravel().take(leaf + self._leaf_start)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -500.0, 500.0)))

    def keep(self, rows: np.ndarray | Sequence[Sequence[float]]) -> list[tuple[bool, float]]:
        """(keep, P(keep)) for each row."""
        return [(p >= self.threshold, p) for p in self.probability(rows).tolist()]


KeepModel = LineModel | ConvLineModel
"""What ``classify_lines`` asks of a model: ``check``, ``probability`` of one document's feature
rows, ``threshold``."""


def model_from_dict(data: dict[str, Any]) -> KeepModel:
    """A model from its JSON form, by its ``kind``: ``conv`` (:class:`ConvLineModel`) or
    ``trees`` (:class:`LineModel`; the default, as files before ``kind`` existed hold trees)."""
    kind = data.get("kind", "trees")
    if kind == "conv":
        return ConvLineModel.from_dict(data)
    if kind == "trees":
        return LineModel.from_dict(data)
    raise ConfigError(f"line model {data.get('name')!r} is of unknown kind {kind!r}")


@lru_cache(maxsize=4)
def load_model(filename: str) -> KeepModel:
    """A model shipped under ``storyline/clean/data/`` (cached: each file is read once)."""
    path = resources.files("storyline.clean").joinpath("data", filename)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read line model {filename}: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"line model {filename} is not a JSON object")
    return model_from_dict(data)
