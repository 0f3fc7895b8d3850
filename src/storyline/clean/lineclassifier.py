"""A logistic-regression keep/drop model over line features, loaded from a reviewed JSON file.

The model files under ``clean/data/`` are written by ``scripts/train_line_classifier.py``
(see ``clean/data/README.md`` for how and from what). A file holds the feature names it was
fitted on, their training mean and scale, one weight per feature, a bias and the decision
threshold; scoring is plain Python, no numerical library needed at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from storyline.errors import ConfigError


@dataclass(frozen=True, slots=True)
class LineModel:
    """P(keep) = sigmoid(bias + Σ weight · (x − mean) / scale); keep when P ≥ threshold."""

    name: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        """A model from its JSON form (``features``: a list of ``{name, weight, mean, scale}``);
        ConfigError when a field is missing or a scale is not positive."""
        try:
            rows = [(str(f["name"]), float(f["weight"]), float(f["mean"]), float(f["scale"]))
                    for f in data["features"]]
            name, bias, threshold = str(data["name"]), float(data["bias"]), float(data["threshold"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"line model {data.get('name')!r} is malformed: {exc}") from exc
        if any(scale <= 0 for *_, scale in rows):
            raise ConfigError(f"line model {name!r} has a non-positive scale")
        return cls(name, tuple(r[0] for r in rows), tuple(r[2] for r in rows),
                   tuple(r[3] for r in rows), tuple(r[1] for r in rows), bias, threshold)

    def check(self, expected: Sequence[str]) -> None:
        """ConfigError unless the model was fitted on exactly these features, in this order."""
        if tuple(expected) != self.features:
            raise ConfigError(f"line model {self.name!r} was fitted on other features")

    def probability(self, row: Sequence[float]) -> float:
        """P(keep) for one feature row."""
        z = self.bias + sum(w * (x - m) / s for w, x, m, s in
                            zip(self.weights, row, self.mean, self.scale, strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    def keep(self, rows: Sequence[Sequence[float]]) -> list[tuple[bool, float]]:
        """(keep, P(keep)) for each row."""
        return [(p >= self.threshold, p) for p in map(self.probability, rows)]


@lru_cache(maxsize=4)
def load_model(filename: str) -> LineModel:
    """A model shipped under ``storyline/clean/data/`` (cached: each file is read once)."""
    path = resources.files("storyline.clean").joinpath("data", filename)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read line model {filename}: {exc}") from exc
    return LineModel.from_dict(data)
