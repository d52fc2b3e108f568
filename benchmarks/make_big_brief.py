"""Write a valid synthetic brief of about N negotiator pages (for benchmarks).

    python benchmarks/make_big_brief.py --pages 300 --out /tmp/big.yaml

The mix resembles a real brief: many obstacles with several parties' positions (tables),
recommendations with rationales (footnoted source references), counterpoints, a timeline,
key figures and a glossary, with Azerbaijani, Armenian, Georgian and Cyrillic text mixed in.
The text is generated, deterministic for a given --pages, and says nothing about the world.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

# Calibrated on the negotiator memo: one "unit" (an obstacle with three positions, two
# recommendations and a counterpoint) fills about four fifths of a page.
UNITS_PER_PAGE = 1.25
PARAGRAPHS = 400
_WORDS = [
    *[
        "border",
        "treaty",
        "settlement",
        "corridor",
        "guarantee",
        "enclave",
        "delimitation",
        "ceasefire",
    ],
    *["mediation", "refugees", "property", "compensation", "trade", "route", "investment", "trust"],
    *["dialogue", "region", "security", "sovereignty", "reconciliation", "commission", "framework"],
    *["schedule", "verification", "monitoring"],
]
_NON_LATIN = ["Azərbaycan", "Ermənistan", "Հայաստան", "Երևան", "საქართველო", "თბილისი", "Россия"]
_ACTORS = [
    ("alpha", "Alpha", "state"),
    ("beta", "Beta", "state"),
    ("gamma", "Gamma", "state"),
    ("delta-union", "the Delta Union", "organisation"),
    ("epsilon", "Epsilon", "state"),
]


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(_WORDS) for _ in range(words)]
    if rng.random() < 0.3:
        chosen.insert(rng.randrange(len(chosen)), rng.choice(_NON_LATIN))
    return " ".join(chosen).capitalize() + "."


def _text(rng: random.Random, sentences: int, words: int = 14) -> str:
    return " ".join(_sentence(rng, words) for _ in range(sentences))


def _refs(rng: random.Random) -> list[int]:
    return sorted(rng.sample(range(2, PARAGRAPHS + 1), rng.randint(1, 3)))


def big_brief(pages: int) -> dict:
    """The synthetic brief as plain data."""
    rng = random.Random(pages)
    units = max(1, round(pages * UNITS_PER_PAGE))
    actor_ids = [a[0] for a in _ACTORS]
    obstacles, recommendations, counterpoints = [], [], []
    for n in range(1, units + 1):
        parties = rng.sample(actor_ids, 3)
        obstacles.append(
            {
                "id": f"ob-{n}",
                "title": f"Obstacle {n}: {rng.choice(_WORDS)} {rng.choice(_NON_LATIN)}",
                "summary": _text(rng, 2),
                "positions": {a: {"text": _text(rng, 1), "refs": _refs(rng)} for a in parties},
                "openings": _text(rng, 1),
                "refs": _refs(rng),
            }
        )
        for k in range(2):
            recommendations.append(
                {
                    "id": f"rec-{n}-{k}",
                    "text": _text(rng, 1, 16),
                    "addressed_to": rng.sample(actor_ids, rng.randint(1, 2)),
                    "priority": rng.choice(["high", "medium", "low"]),
                    "horizon": rng.choice(["immediate", "short-term", "medium-term", "long-term"]),
                    "tags": rng.sample(["economic", "humanitarian", "security", "property"], 2),
                    "obstacles": [f"ob-{n}"],
                    "rationale": _text(rng, 1),
                    "refs": _refs(rng),
                }
            )
        counterpoints.append(
            {
                "id": f"cp-{n}",
                "claim": "The source argues that " + _text(rng, 1).lower(),
                "claimed_by": ["source"],
                "counter": _text(rng, 1),
                "countered_by": [parties[0]],
                "status": rng.choice(["contested", "unsubstantiated", "opinion"]),
                "refs": _refs(rng),
            }
        )
    return {
        "meta": {
            "id": f"big-{pages}",
            "title": f"Synthetic brief of about {pages} pages",
            "subtitle": "Generated for benchmarks — Azərbaycan, Հայաստան, საქართველო, Россия",
            "date": "2026-01-01",
            "organisation": "briefgen benchmarks",
            "marking": "TEST",
        },
        "sources": [
            {
                "id": "source",
                "kind": "report",
                "title": "Synthetic source",
                "publisher": "briefgen",
                "names": ["the source"],
                "sha256": "0" * 64,
                "paragraphs": PARAGRAPHS,
            }
        ],
        "bottom_line": _text(rng, 4),
        "key_judgments": [
            {
                "id": f"kj-{i}",
                "text": "The source argues that " + _text(rng, 2).lower(),
                "refs": _refs(rng),
            }
            for i in range(5)
        ],
        "context": {
            "background": [
                {"id": f"bg-{i}", "text": _text(rng, 5), "refs": _refs(rng)} for i in range(5)
            ],
            "timeline": [
                {
                    "id": f"tl-{i}",
                    "date": str(1990 + i),
                    "event": _text(rng, 1, 10),
                    "refs": _refs(rng),
                }
                for i in range(12)
            ],
            "key_figures": [
                {
                    "id": f"kf-{i}",
                    "value": f"{(i + 1) * 1000:,}",
                    "label": _text(rng, 1, 5),
                    "refs": _refs(rng),
                }
                for i in range(6)
            ],
        },
        "actors": [{"id": i, "name": name, "kind": kind} for i, name, kind in _ACTORS],
        "obstacles": obstacles,
        "recommendations": recommendations,
        "counterpoints": counterpoints,
        "editorial_notes": [
            {"id": "en-1", "kind": "caveat", "text": "Synthetic text.", "refs": [1]}
        ],
        "glossary": [{"term": w, "definition": _text(rng, 1, 8)} for w in sorted(set(_WORDS))[:20]],
        "next_steps": [
            {"id": f"ns-{i}", "text": _text(rng, 2), "refs": _refs(rng)} for i in range(4)
        ],
    }


def main() -> None:
    """Command line: --pages N --out FILE."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, required=True, help="about this many negotiator pages")
    parser.add_argument("--out", type=Path, required=True, help="brief file to write")
    args = parser.parse_args()
    text = yaml.safe_dump(big_brief(args.pages), allow_unicode=True, sort_keys=False, width=100)
    header = "# yaml-language-server: $schema=../schema/brief.schema.json\n"
    args.out.write_text(header + text, encoding="utf-8")  # fmt: skip


if __name__ == "__main__":
    main()
