"""Speed of proposing casualty figures (annotator.text.figures), one figure a line
(``report.py``):

.venv/bin/python benchmarks/bench_figures.py

Each span is 2,000 characters; a figure is the best of 7 runs of 50 calls each (so another
process on the machine shows less), in microseconds per call. ``corpus`` slides a window over
../shared/corpus when it is present (real articles, few figures); ``dense`` is a made-up
casualty report packed with figures, bounds, dates and denials (about 30 figures a span, a
figure every 70 characters); ``report`` a made-up news report of ordinary density.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from report import figure

from annotator.text.figures import propose

SPAN = 2000
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DENSE = (
    "Bulletin of 14 October, 08:00. Ketavan: 3 civilians killed and 5 wounded by shelling at "
    "02:30, among them 2 children; at least 11 houses hit. Sarnajur: at least 4 servicemen "
    "killed, 7 injured, 2 missing; the ministry denied that 20 soldiers had died. Gyulbagh: "
    "no casualties, dozens of windows broken by a 152-mm shell. Molla-Kend: up to 6 fighters "
    "taken prisoner, between 2 and 4 civilians detained; reports of 30 dead are false. "
    "Aghburun: the death toll rose from 9 to 12, a 60-year-old shepherd among them. Hotline "
    "+374 10 123456, open 24/7. "
)
REPORT = (
    "KETAVAN, 3 November — Shelling resumed along the northern section of the line of contact "
    "on Sunday night, local officials said, after a week in which both sides had accused each "
    "other of breaking the ceasefire agreed in the spring. The regional administration said "
    "that at least seven civilians were killed in the village of Verin Tsaghik, among them two "
    "children, and that 19 people were taken to hospital in the district centre with shrapnel "
    "wounds. Several houses and the village school were hit. Residents described hearing the "
    "first explosions shortly after midnight and hiding in basements until dawn.\n\n"
    "The defence ministry in the capital said its positions near Molla-Kend had come under "
    "fire from artillery and drones and that three servicemen had been killed and five "
    "wounded. It denied that its forces had fired at residential areas and called reports of "
    "dozens of civilian deaths on the other side of the line disinformation. A spokesman said "
    "the army had responded to the sources of fire and inflicted losses on the enemy, but gave "
    "no figure.\n\n"
    "An official on the other side, speaking on condition of anonymity, said up to 40 soldiers "
    "had died in the fighting near Sarnajur since Friday, a figure that could not be "
    "independently verified. Two soldiers are listed as missing. Observers from an "
    "international monitoring mission, who visited the area on Monday, said they had seen "
    "damage to at least 30 homes but were not able to confirm casualty figures.\n\n"
    "The renewed fighting comes two weeks before a planned round of talks and follows months "
    "of tension over the road that links the two valleys. Diplomats have urged both sides to "
    "return to the positions they held before the latest escalation and to allow humanitarian "
    "access to the villages along the front, where aid groups say more than 2,000 people have "
    "left their homes since the start of the year."
)


def per_call(span: str) -> float:
    propose(span)
    best = float("inf")
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(50):
            propose(span)
        best = min(best, (time.perf_counter() - start) / 50)
    return best * 1e6


def main() -> None:
    dense = (DENSE * (SPAN // len(DENSE) + 1))[:SPAN]
    figures = len(propose(dense).figures)
    figure("figures.dense_2000_chars_us", per_call(dense), "us", f"{figures} figures", digits=0)
    report = REPORT[:SPAN]
    figures = len(propose(report).figures)
    figure("figures.report_2000_chars_us", per_call(report), "us", f"{figures} figures", digits=0)
    if CORPUS.is_dir():
        spans = []
        for path in sorted(CORPUS.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            spans += [text[i : i + SPAN] for i in range(0, max(1, len(text) - SPAN), 500)]
        times = [per_call(span) for span in spans]
        median = statistics.median(times)
        note = f"{len(spans)} spans"
        figure("figures.corpus_2000_chars_median_us", median, "us", note, digits=0)
        figure("figures.corpus_2000_chars_max_us", max(times), "us", digits=0)


if __name__ == "__main__":
    main()
