"""Unit tests for the convolutional line model's numpy scorer and its file format."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from storyline.clean import lineconv
from storyline.clean.lineclassifier import LineModel, model_from_dict
from storyline.clean.lineconv import ConvLineModel, decode_array, encode_array
from storyline.errors import ConfigError

FEATURES = ("a", "b", "c", "d")
DILATIONS = (1, 3)


def _random_model(nets: int = 2, width: int = 3, seed: int = 0) -> tuple[dict[str, Any], list[Any]]:
    rng = np.random.default_rng(seed)
    raw = []
    for _ in range(nets):
        raw.append({
            "w_in": rng.normal(size=(len(FEATURES), width)), "b_in": rng.normal(size=width),
            "convs": [(rng.normal(size=(3, width, width)) * 0.5, rng.normal(size=width))
                      for _ in DILATIONS],
            "w_out": rng.normal(size=width), "b_out": rng.normal(size=1)})
    data = {
        "name": "test", "kind": "conv", "threshold": 0.5, "clip": 2.0,
        "dilations": list(DILATIONS), "features": list(FEATURES),
        "mean": encode_array(np.array([0.0, 1.0, -1.0, 0.5])),
        "scale": encode_array(np.array([1.0, 2.0, 0.5, 1.0])),
        "nets": [{"w_in": encode_array(n["w_in"]), "b_in": encode_array(n["b_in"]),
                  "convs": [{"w": encode_array(w), "b": encode_array(b)} for w, b in n["convs"]],
                  "w_out": encode_array(n["w_out"]), "b_out": encode_array(n["b_out"])}
                 for n in raw]}
    return data, raw


def _f32(a: np.ndarray) -> np.ndarray:
    return np.asarray(a, dtype=np.float32).astype(float)


def _reference(raw: list[Any], rows: np.ndarray) -> np.ndarray:
    """The nets written out line by line, as the module docstring defines them."""
    mean, scale = np.array([0.0, 1.0, -1.0, 0.5]), np.array([1.0, 2.0, 0.5, 1.0])
    x = np.clip((rows - mean) / scale, -2.0, 2.0)
    logits = []
    for net in raw:
        z = [np.maximum(_f32(net["w_in"]).T @ line + _f32(net["b_in"]), 0) for line in x]
        for d, (w, b) in zip(DILATIONS, net["convs"], strict=True):
            w, b = _f32(w), _f32(b)
            zero = np.zeros_like(z[0])
            z = [z[t] + np.maximum(
                b + (z[t - d] if t - d >= 0 else zero) @ w[0] + z[t] @ w[1]
                + (z[t + d] if t + d < len(z) else zero) @ w[2], 0) for t in range(len(z))]
        logits.append([float(zt @ _f32(net["w_out"]) + _f32(net["b_out"])[0]) for zt in z])
    return np.array([1 / (1 + math.exp(-v)) for v in np.mean(logits, axis=0)])


def test_arrays_round_trip_as_float32() -> None:
    values = np.array([[1.5, -2.25], [1e-3, 7.0]])
    data = encode_array(values)
    assert data["shape"] == [2, 2] and isinstance(data["float32"], str)
    assert np.allclose(decode_array(data), values, atol=1e-7)


@pytest.mark.parametrize("lines", [1, 2, 4, 9])
def test_scoring_matches_the_nets_written_out_line_by_line(lines: int) -> None:
    data, raw = _random_model()
    model = ConvLineModel.from_dict(data)
    rows = np.random.default_rng(lines).normal(size=(lines, len(FEATURES))) * 3
    assert np.allclose(model.probability(rows), _reference(raw, rows), atol=1e-5)
    assert [keep for keep, _ in model.keep(rows)] == list(model.probability(rows) >= 0.5)


def test_a_document_without_lines_scores_nothing() -> None:
    model = ConvLineModel.from_dict(_random_model()[0])
    assert model.probability(np.zeros((0, len(FEATURES)))).shape == (0,)


def test_lines_far_apart_do_not_reach_each_other() -> None:
    """The receptive field is 1 + 2 × (1 + 3) lines: a line 5 or more away changes nothing."""
    model = ConvLineModel.from_dict(_random_model()[0])
    rows = np.random.default_rng(1).normal(size=(12, len(FEATURES)))
    changed = rows.copy()
    changed[11] += 5.0
    assert np.allclose(model.probability(rows)[:7], model.probability(changed)[:7])
    assert not np.allclose(model.probability(rows)[7:], model.probability(changed)[7:])


def test_malformed_files_are_refused() -> None:
    data, _ = _random_model()
    broken = [
        {k: v for k, v in data.items() if k != "mean"},
        data | {"features": ["a", "b"]},
        data | {"dilations": [1]},
        data | {"dilations": [0, 3]},
        data | {"scale": encode_array(np.array([1.0, 0.0, 1.0, 1.0]))},
        data | {"mean": encode_array(np.array([np.nan, 0.0, 0.0, 0.0]))},
        data | {"mean": {"shape": [4], "float32": "not base64!"}},
        data | {"nets": []},
    ]
    for bad in broken:
        with pytest.raises(ConfigError):
            ConvLineModel.from_dict(bad)


def test_models_load_by_kind() -> None:
    data, _ = _random_model()
    assert isinstance(model_from_dict(data), ConvLineModel)
    trees = {"name": "t", "features": ["a"], "bias": 0.0, "threshold": 0.5,
             "trees": [{"split": [[0, 0.5]], "leaves": [-1.0, 1.0]}]}
    assert isinstance(model_from_dict(trees), LineModel)
    with pytest.raises(ConfigError):
        model_from_dict(data | {"kind": "forest"})
    with pytest.raises(ConfigError):
        ConvLineModel.from_dict(data).check(("a", "b", "c"))


def test_long_documents_are_scored_in_chunks_with_the_same_result(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model = ConvLineModel.from_dict(_random_model()[0])
    rows = np.random.default_rng(2).normal(size=(61, len(FEATURES))) * 2
    whole = model.probability(rows)
    monkeypatch.setattr(lineconv, "CHUNK", 5)
    chunked = model.probability(rows)
    assert chunked.shape == whole.shape and np.allclose(chunked, whole, atol=1e-6)


def test_scoring_runs_on_one_blas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    from threadpoolctl import threadpool_info

    data, _ = _random_model()
    model = ConvLineModel.from_dict(data)
    seen: list[list[int]] = []
    score = ConvLineModel._probability

    def spy(self: ConvLineModel, x: np.ndarray) -> np.ndarray:
        seen.append([lib["num_threads"] for lib in threadpool_info()  # numpy's own BLAS
                     if lib["user_api"] == "blas" and "numpy" in lib["filepath"]])
        return score(self, x)

    monkeypatch.setattr(ConvLineModel, "_probability", spy)
    model.probability(np.zeros((5, len(model.features))))
    assert seen and all(threads == [1] for threads in seen)


def test_subnormal_weights_are_scored_as_zero() -> None:
    """Weights decayed below float32's smallest normal number add nothing to a float32 sum, and
    multiplying by them is ten times slower on a CPU: scoring sets them to zero, same verdicts."""
    data, raw = _random_model(width=4)
    tiny = float(np.finfo(np.float32).tiny)
    raw[0]["convs"][0][0][1, 2, 3] = tiny / 8
    raw[1]["w_in"][0, 1] = -tiny / 4
    data["nets"][0]["convs"][0]["w"] = encode_array(raw[0]["convs"][0][0])
    data["nets"][1]["w_in"] = encode_array(raw[1]["w_in"])
    model = ConvLineModel.from_dict(data)
    assert decode_array(data["nets"][0]["convs"][0]["w"])[1, 2, 3] != 0.0  # written subnormal
    scoring = (model._w_in_flat, model._b_in, *model._w_conv_flat, *model._b_conv,
               model._w_out, model._b_out)
    assert all(a.dtype == np.float32 and a.flags["C_CONTIGUOUS"] for a in scoring)
    assert not any(np.any((a != 0) & (np.abs(a) < tiny)) for a in scoring)
    rows = np.random.default_rng(3).normal(size=(7, len(FEATURES))) * 2
    assert np.allclose(model.probability(rows), _reference(raw, rows), atol=1e-5)


def test_the_shipped_model_scores_without_subnormal_weights() -> None:
    from storyline.clean.boilerplate import MODEL_FILE
    from storyline.clean.lineclassifier import load_model

    model = load_model(MODEL_FILE)
    assert isinstance(model, ConvLineModel)
    tiny = np.finfo(np.float32).tiny
    written = sum(int(np.sum((w != 0) & (np.abs(w.astype(np.float32)) < tiny))) for w in model.w_conv)
    assert written > 0  # the file does hold them: the flush is what keeps scoring fast
    assert not any(np.any((w != 0) & (np.abs(w) < tiny)) for w in model._w_conv_flat)
