"""Proposing casualty figures from a span's own text (docs/figures.md), rule by rule.

Every sentence here is written for these tests (the places are made up); the last test reads
the shared corpus of real articles when it is present.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.text.figures import CATEGORIES, Estimate, Proposal, propose


def triple(estimate: Estimate) -> tuple[int | None, int | None, int | None]:
    return estimate.low, estimate.best, estimate.high


def best(text: str, category: str = "killed") -> int | None:
    return propose(text).estimate(category).best


def quotes(text: str, estimate: Estimate, value: str = "best") -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.rule) for e in estimate.evidence(value)]


def assert_evidence_is_words(text: str, proposal: Proposal) -> None:
    """Every range is inside the text, non-empty, and neither starts nor ends in white space."""
    for figure in proposal.figures:
        for e in figure.evidence:
            quoted = text[e.start : e.end]
            assert 0 <= e.start < e.end <= len(text), (e, text)
            assert quoted == quoted.strip(), (e, quoted)
            assert e.rule


def test_the_documented_example():  # docs/figures.md
    text = "Shelling of Verin Tsaghik killed at least 12 civilians and wounded 27 others."
    p = propose(text)
    assert (triple(p.killed), p.wounded.best, p.who) == ((12, 12, None), 27, "civilian")
    assert [(e.start, e.end, e.rule) for e in p.killed.evidence("best")] == [
        (33, 44, "at-least"),
        (42, 44, "digits"),
        (26, 32, "cue:killed"),
        (45, 54, "who:civilian"),
    ]


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        ("Officials said 1,970 people were killed in the offensive.", 1970),
        ("Officials said 1 970 people were killed in the offensive.", 1970),
        ("Officials said 1\u00a0970 people were killed in the offensive.", 1970),
        ("Officials said 1\u202f970 people were killed in the offensive.", 1970),
        ("Officials said 1.970 people were killed in the offensive.", 1970),
        ("Officials said 12,000,000 people were killed.", 12_000_000),
        ("The ministry said 1.5 million people were displaced and 2 thousand were killed.", 2000),
        ("At 4 killed, the toll was lower than feared.", 4),
        ("0 killed, the army said.", 0),
    ],
)
def test_digits_and_thousands_separators(text, value):
    assert best(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 2,5 people were killed.",  # a decimal comma, not 25
        "Officials said 2.5 people were killed.",
        "Officials said 1,97 people were killed.",
    ],
)
def test_decimals_are_not_counts(text):
    assert propose(text).killed.empty


@pytest.mark.parametrize(
    "text,value",
    [
        ("Twelve soldiers were killed near Sarnajur.", 12),
        ("A dozen soldiers were killed near Sarnajur.", 12),
        ("Half a dozen villagers were killed near Sarnajur.", 6),
        ("Two dozen villagers were killed near Sarnajur.", 24),
        ("Two hundred soldiers were killed near Sarnajur.", 200),
        ("A hundred soldiers were killed near Sarnajur.", 100),
        ("Three thousand soldiers were killed in the war.", 3000),
        ("Twenty-one soldiers were killed near Sarnajur.", 21),
        ("Twenty\u2011one soldiers were killed near Sarnajur.", 21),  # a non-breaking hyphen
        ("Twenty one soldiers were killed near Sarnajur.", 21),
        ("One hundred and five soldiers were killed in the battle.", 105),
        ("Two thousand five hundred soldiers were killed in the war.", 2500),
        ("One soldier was killed at the Ketavan post.", 1),
    ],
)
def test_number_words(text, value):
    assert best(text) == value


def test_number_words_evidence_is_the_words():
    text = "Officials said one hundred and five soldiers were killed."
    assert quotes(text, propose(text).killed) == [
        ("one hundred and five", "number-words"),
        ("killed", "cue:killed"),
        ("soldiers", "who:military"),
    ]


def test_one_of_is_not_a_count():
    assert best("One of the soldiers was killed, the ministry said.") is None


@pytest.mark.parametrize(
    "text",
    [
        "On 12 September 2022 soldiers were killed near Sarnajur.",
        "On September 12 soldiers were killed near Sarnajur.",
        "In 2020 soldiers were killed near Sarnajur.",
        "In 2020, soldiers were killed near Sarnajur.",
        "At 02:00 soldiers were killed near Sarnajur.",
        "Around 2 a.m. soldiers were killed near Sarnajur.",
        "At 0200 hours soldiers were killed near Sarnajur.",
        "Turnout fell 40% after soldiers were killed near Sarnajur.",
        "The 11th brigade said soldiers were killed near Sarnajur.",
        "Between 11–12 March soldiers were killed near Sarnajur.",
        "The 1992-1994 war left soldiers killed on both sides.",
        "A $5 million fund was set up after soldiers were killed.",
        "A 140-kilometre front where soldiers were killed.",
        "Shelling 5 km from the border killed soldiers.",
        "Resolution 884 was recalled after soldiers were killed.",
        "Call +374 10 123456 if relatives were killed.",
        "The hotline (010) 52-34-56 helps relatives of those killed.",
        "News 24/7: soldiers were killed near Sarnajur.",
        "S-300 batteries were hit and soldiers killed.",
        "Shelling lasted for 12 hours and soldiers were killed.",
        "The Su-25 was shot down and its crew killed.",
        "Police cordoned off Route 7 where soldiers were killed.",
    ],
)
def test_things_that_are_not_counts(text):
    assert propose(text).figures == ()


def test_an_age_is_not_a_count_but_the_boy_is_one():
    text = "A 12-year-old boy was killed when a shell hit his house in Gyulbagh."
    proposal = propose(text)
    assert triple(proposal.killed) == (1, 1, 1)
    assert quotes(text, proposal.killed)[0] == ("A 12-year-old boy", "singular")
    assert proposal.who == "civilian"
    assert best("The victim, aged 12, was killed near the school.") is None
    assert best("Anna, 12 years old, was killed near the school.") is None


def test_a_count_beside_a_date_still_counts():
    text = "On 12 September 2022, 7 soldiers were killed near Sarnajur."
    assert best(text) == 7
    assert quotes(text, propose(text).killed)[0] == ("7", "digits")


# --- vague quantities -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,low,value",
    [
        ("Dozens of civilians were killed in the shelling.", 12, 12),
        ("Tens of civilians were killed in the shelling.", 10, 10),
        ("Hundreds of soldiers were killed in the offensive.", 100, 100),
        ("Thousands of soldiers were killed in the war.", 1000, 1000),
        ("Tens of thousands of soldiers were killed in the war.", 10_000, 10_000),
        ("Scores of villagers were killed in the shelling.", 20, 20),
        ("Several civilians were killed in the shelling.", 3, 3),
        ("A few civilians were killed in the shelling.", 2, 3),
        ("A handful of soldiers were killed at the post.", 2, 3),
        ("A couple of soldiers were killed at the post.", 2, 2),
        ("Several hundred soldiers were killed in the offensive.", 300, 300),
        ("A few dozen soldiers were killed in the offensive.", 24, 36),
    ],
)
def test_vague_quantities(text, low, value):
    estimate = propose(text).killed
    assert (estimate.low, estimate.best, estimate.high) == (low, value, None)
    assert estimate.evidence("best")[0].rule == "vague"


def test_many_is_no_number():
    assert propose("Many civilians were killed in the shelling.").figures == ()


# --- bounds -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected,rule",
    [
        ("At least 21 soldiers were killed.", (21, 21, None), "at-least"),
        ("No fewer than 21 soldiers were killed.", (21, 21, None), "at-least"),
        ("More than 50 soldiers were killed.", (51, 51, None), "more-than"),
        ("Over 50 soldiers were killed.", (51, 51, None), "more-than"),
        ("More than a dozen soldiers were killed.", (13, 13, None), "more-than"),
        ("Up to 50 soldiers were killed.", (None, None, 50), "up-to"),
        ("As many as 50 soldiers were killed.", (None, None, 50), "up-to"),
        ("Fewer than 10 soldiers were killed.", (None, None, 9), "fewer-than"),
        ("About 40 soldiers were killed.", (None, 40, None), "about"),
        ("Around 40 soldiers were killed.", (None, 40, None), "about"),
        ("Some 40 soldiers were killed.", (None, 40, None), "about"),
        ("An estimated 40 soldiers were killed.", (None, 40, None), "about"),
        ("Nearly 40 soldiers were killed.", (None, 40, 40), "nearly"),
        ("Almost 40 soldiers were killed.", (None, 40, 40), "nearly"),
        ("40 or more soldiers were killed.", (40, 40, None), "at-least"),
        ("40+ soldiers were killed.", (40, 40, None), "at-least"),
        ("40 or so soldiers were killed.", (None, 40, None), "or-so"),
        ("A total of 40 soldiers were killed.", (40, 40, 40), "exact"),
        ("Between 5 and 7 soldiers were killed.", (5, 5, 7), "range"),
        ("From 5 to 7 soldiers were killed.", (5, 5, 7), "range"),
        ("5 to 7 soldiers were killed.", (5, 5, 7), "range"),
        ("5-7 soldiers were killed.", (5, 5, 7), "range"),
        ("5–7 soldiers were killed.", (5, 5, 7), "range"),  # an en dash
        ("5 – 7 soldiers were killed.", (5, 5, 7), "range"),
        ("Five or six soldiers were killed.", (5, 5, 6), "range"),
        ("Between five and seven soldiers were killed.", (5, 5, 7), "range"),
        ("Dozens of soldiers were killed.", (12, 12, None), "vague"),
    ],
)
def test_bounds(text, expected, rule):
    estimate = propose(text).killed
    assert triple(estimate) == expected
    first = next(e for e in estimate.evidence("best" if expected[1] is not None else "high"))
    assert first.rule == rule


def test_bound_evidence_quotes_the_bound_and_the_number():
    text = "Officials said at least twenty-one soldiers were killed."
    assert quotes(text, propose(text).killed, "low")[:2] == [
        ("at least twenty-one", "at-least"),
        ("twenty-one", "number-words"),
    ]


def test_a_score_is_not_a_range():
    assert propose("The match ended 3-2 and nobody was hurt.").wounded.best == 0
    assert best("The vote was 3-2 before 7 soldiers were killed.") == 7


def test_a_change_gives_the_later_figure():
    text = "The death toll rose from 5 to 7 overnight."
    estimate = propose(text).killed
    assert triple(estimate) == (7, 7, 7)
    assert quotes(text, estimate)[0] == ("7", "updated")


def test_a_toll_that_passed_a_number_is_more_than_it():
    assert triple(propose("The death toll has passed 100.").killed) == (101, 101, None)


# --- none -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,zeroed",
    [
        ("There were no casualties, the ministry said.", {"killed", "wounded", "casualties"}),
        ("No one was killed in the strike on Dzorakert.", {"killed"}),
        ("No-one was killed in the strike on Dzorakert.", {"killed"}),
        ("Nobody was hurt when the drone fell near Dzorakert.", {"wounded"}),
        ("There were no civilian casualties.", {"killed", "wounded", "casualties"}),
        ("There were no deaths.", {"killed"}),
        ("The strike caused no deaths or injuries.", {"killed", "wounded"}),
        ("No civilians were killed.", {"killed"}),
        ("None of the soldiers was wounded.", {"wounded"}),
        ("Not a single soldier was captured.", {"captured"}),
        ("No one was killed or injured.", {"killed", "wounded", "casualties"}),
        ("No one is missing.", {"missing"}),
        ("There were no reports of casualties.", {"killed", "wounded", "casualties"}),
        ("The ministry denied any casualties.", {"killed", "wounded", "casualties"}),
        ("The convoy passed without casualties.", {"killed", "wounded", "casualties"}),
    ],
)
def test_none(text, zeroed):
    proposal = propose(text)
    assert {c for c in CATEGORIES if proposal.estimate(c).best == 0} == zeroed
    assert {c for c in CATEGORIES if not proposal.estimate(c).empty} == zeroed
    assert all(not proposal.estimate(c).denied for c in zeroed)


def test_none_with_who():
    proposal = propose("There were no civilian casualties.")
    assert proposal.who == "civilian"
    assert quotes("There were no civilian casualties.", proposal.killed)[0] == (
        "no civilian casualties",
        "no-casualties",
    )
    assert propose("There were no casualties among servicemen.").who == "military"


def test_no_doubt_is_not_none():
    assert propose("There is no doubt soldiers were killed.").figures == ()


# --- categories -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,category,value",
    [
        ("12 people were killed in the shelling of Verin Tsaghik.", "killed", 12),
        ("12 dead after the shelling of Verin Tsaghik.", "killed", 12),
        ("12 people died in the shelling of Verin Tsaghik.", "killed", 12),
        ("The shelling caused 12 deaths.", "killed", 12),
        ("Officials reported 12 fatalities.", "killed", 12),
        ("12 residents lost their lives in the shelling.", "killed", 12),
        ("12 bodies were recovered from the rubble.", "killed", 12),
        ("The bodies of 12 soldiers were handed over.", "killed", 12),
        ("The deaths of 12 civilians were confirmed.", "killed", 12),
        ("The death toll rose to 40.", "killed", 40),
        ("The death toll among civilians has risen to 40.", "killed", 40),
        ("The death toll from Sunday's shelling of Ketavan now stands at 40.", "killed", 40),
        ("The shelling left 5 dead.", "killed", 5),
        ("The shelling left 5 people dead.", "killed", 5),
        ("Two soldiers succumbed to their wounds in hospital.", "killed", 2),
        ("The strike claimed the lives of 3 shepherds.", "killed", 3),
        ("Killed: 12; wounded: 27.", "killed", 12),
        ("Killed: 12; wounded: 27.", "wounded", 27),
        ("27 people were wounded in the shelling.", "wounded", 27),
        ("27 people were injured in the shelling.", "wounded", 27),
        ("27 people were hurt in the shelling.", "wounded", 27),
        ("27 people sustained injuries in the shelling.", "wounded", 27),
        ("27 wounded soldiers were evacuated.", "wounded", 27),
        ("3 soldiers are missing after the clash.", "missing", 3),
        ("3 soldiers remain unaccounted for.", "missing", 3),
        ("3 soldiers went missing in action.", "missing", 3),
        ("3 soldiers were captured near Aghburun.", "captured", 3),
        ("3 soldiers were taken prisoner near Aghburun.", "captured", 3),
        ("3 soldiers were taken captive near Aghburun.", "captured", 3),
        ("3 Armenian POWs were returned.", "captured", 3),
        ("3 prisoners of war were exchanged.", "captured", 3),
        ("3 shepherds were detained by border guards.", "captured", 3),
        ("Border guards detained 3 shepherds.", "captured", 3),
        ("The shelling caused 12 casualties.", "casualties", 12),
        ("12 soldiers were killed or wounded.", "casualties", 12),
        ("12 civilian casualties were reported.", "casualties", 12),
    ],
)
def test_categories(text, category, value):
    proposal = propose(text)
    assert proposal.estimate(category).best == value
    others = {c for c in CATEGORIES if c != category and not proposal.estimate(c).empty}
    assert others == ({"killed", "wounded"} - {category} if "Killed:" in text else set())


def test_killed_and_wounded_in_one_sentence():
    text = "12 killed and 27 wounded in the shelling of Verin Tsaghik."
    proposal = propose(text)
    assert (proposal.killed.best, proposal.wounded.best) == (12, 27)
    assert quotes(text, proposal.wounded) == [("27", "digits"), ("wounded", "cue:wounded")]


def test_killing_and_injuring():
    text = "A drone struck a bus near Molla-Kend, killing 3 and injuring 5."
    proposal = propose(text)
    assert (proposal.killed.best, proposal.wounded.best) == (3, 5)
    assert quotes(text, proposal.killed)[1] == ("killing", "cue:killed")


def test_killed_then_wounded_by_commas():
    proposal = propose("The shelling killed 12, wounded 27 and left 3 missing.")
    assert (proposal.killed.best, proposal.wounded.best, proposal.missing.best) == (12, 27, 3)


def test_a_verb_before_a_number_governs_that_number_only():
    proposal = propose("Three soldiers killed two civilians at the checkpoint.")
    assert proposal.killed.best == 2
    assert proposal.who == "civilian"


@pytest.mark.parametrize(
    "text,category,value",
    [
        ("Armenia lost 12 servicemen in the clashes.", "killed", 12),
        ("A second soldier was killed on Monday.", "killed", 1),
        ("Another soldier was killed on Monday.", "killed", 1),
        ("The strike killed her husband.", "killed", 1),
        ("A shell killed a farmer and his son.", "killed", 2),
        ("The shelling killed a mother and her two children.", "killed", 3),
        ("No civilians were harmed.", "wounded", 0),
        ("He was one of 12 soldiers killed.", "killed", 12),
        ("Of the 40 killed, 12 were civilians.", "killed", 40),
        ("Two civilians — a shepherd and his son — were killed.", "killed", 2),
        ("Two soldiers’ bodies were found near the post.", "killed", 2),
        ("Two soldiers' bodies were found near the post.", "killed", 2),
        ("12 Azerbaijani and 5 Armenian soldiers were killed.", "killed", 17),
        ("The attack left 3 dead and 7 injured.", "wounded", 7),
        ("Not 12 but 20 soldiers were killed.", "killed", 20),
    ],
)
def test_people_counted_by_their_nouns(text, category, value):
    assert propose(text).estimate(category).best == value


def test_a_speaker_is_not_a_victim():
    proposal = propose("A soldier said that 3 civilians were killed.")
    assert triple(proposal.killed) == (3, 3, 3)
    assert proposal.who == "civilian"


def test_a_number_of_something_else_is_not_read():
    assert propose("Azerbaijani forces captured 13 settlements.").figures == ()
    assert propose("Armenia lost 12 tanks.").figures == ()
    assert propose("12 tanks were captured near Aghburun.").figures == ()
    assert propose("The army destroyed 12 drones, killing no one.").killed.best == 0


def test_casualties_are_not_split():
    proposal = propose("The shelling caused 12 casualties.")
    assert proposal.killed.empty and proposal.wounded.empty
    assert proposal.casualties.best == 12


def test_casualties_beside_killed_and_wounded():
    text = "The ministry reported 39 casualties: 12 killed and 27 wounded."
    proposal = propose(text)
    assert (proposal.casualties.best, proposal.killed.best, proposal.wounded.best) == (39, 12, 27)


def test_abbreviations_count_in_capitals_only():
    assert propose("3 soldiers KIA near the post.").killed.best == 3
    assert propose("3 soldiers, Kia said, came.").figures == ()


# --- sums and subsets -------------------------------------------------------------------------


def test_coordinated_groups_add_up():
    text = "5 soldiers and 3 civilians were killed in the attack on Ketavan."
    proposal = propose(text)
    assert triple(proposal.killed) == (8, 8, 8)
    assert proposal.who == "mixed"
    assert [q for q, r in quotes(text, proposal.killed) if r in ("digits", "cue:killed")] == [
        "5",
        "killed",
        "3",
    ]
    assert len(proposal.killed.best_from.parts) == 2


def test_coordination_after_a_verb():
    proposal = propose("The strike killed two soldiers and a civilian.")
    assert proposal.killed.best == 3
    assert proposal.who == "mixed"


def test_a_list_adds_up():
    assert best("Three civilians, two soldiers and a policeman were killed.") == 6


def test_including_names_a_subset():
    text = "12 people, including 5 children, were killed in the shelling of Gyulbagh."
    proposal = propose(text)
    assert proposal.killed.best == 12
    subsets = [f for f in proposal.figures if f.subset]
    assert [(s.category, s.best, s.who) for s in subsets] == [("killed", 5, "civilian")]
    assert proposal.who == "civilian"
    assert proposal.killed.alternatives == ()


def test_subset_after_the_verb():
    proposal = propose("Eight people were killed, among them three children.")
    assert proposal.killed.best == 8
    assert [f.best for f in proposal.figures if f.subset] == [3]
    assert propose("Eight people were killed, 3 of them children.").killed.best == 8
    proposal = propose("The death toll rose to 12, a 60-year-old shepherd among them.")
    assert proposal.killed.best == 12
    assert [(f.best, f.who) for f in proposal.figures if f.subset] == [(1, "civilian")]


# --- who --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,who",
    [
        ("12 civilians were killed.", "civilian"),
        ("12 children were killed.", "civilian"),
        ("12 residents were killed.", "civilian"),
        ("12 villagers were killed.", "civilian"),
        ("12 soldiers were killed.", "military"),
        ("12 servicemen were killed.", "military"),
        ("12 troops were killed.", "military"),
        ("12 military personnel were killed.", "military"),
        ("12 fighters were killed.", "military"),
        ("27 wounded soldiers were evacuated.", "military"),
        ("12 dead civilians were buried in Gyulbagh.", "civilian"),
        ("The army lost 3 of its soldiers.", "military"),
        ("There were 5 casualties among civilians.", "civilian"),
        ("Two soldiers’ bodies were found near the post.", "military"),
        ("12 people were killed.", "unknown"),
        ("12 were killed.", "unknown"),
        ("12 soldiers were killed and 3 civilians wounded.", "mixed"),
        ("Shelling hit the market.", None),
    ],
)
def test_who(text, who):
    assert propose(text).who == who


def test_the_attackers_are_not_the_victims():
    proposal = propose("Azerbaijani troops shelled Verin Tsaghik, killing 3.")
    assert proposal.who == "unknown"
    assert propose("Armenian soldiers killed 4 civilians.").who == "civilian"


def test_who_evidence_quotes_the_words():
    text = "A drone hit a car, killing two Armenian servicemen and a shepherd."
    proposal = propose(text)
    assert [(text[e.start : e.end], e.rule) for e in proposal.who_evidence] == [
        ("servicemen", "who:military"),
        ("shepherd", "who:civilian"),
    ]


# --- denials ----------------------------------------------------------------------------------


def test_a_denied_figure_is_proposed_and_flagged():
    text = "Baku denied that 12 civilians were killed in the strike."
    proposal = propose(text)
    assert proposal.killed.best == 12
    assert proposal.killed.denied
    assert ("denied", "denied") in quotes(text, proposal.killed)


def test_a_claim_called_false():
    proposal = propose("Claims of 50 dead are false, the ministry said.")
    assert proposal.killed.best == 50 and proposal.killed.denied


def test_a_denial_reaches_only_its_clause():
    text = "The ministry denied the reports, saying 3 soldiers were wounded."
    assert not propose(text).wounded.denied
    text = "Yerevan denied that 50 soldiers died but said 3 were wounded."
    proposal = propose(text)
    assert proposal.killed.denied and not proposal.wounded.denied


def test_an_undenied_figure_wins_over_a_denied_one():
    text = "Officials said 4 soldiers were killed. Reports that 30 soldiers were killed are untrue."
    proposal = propose(text)
    assert triple(proposal.killed) == (4, 4, 4)  # the denied 30 is not even the high
    assert not proposal.killed.denied
    assert [(f.best, f.denied) for f in proposal.killed.alternatives] == [(30, True)]


# --- competing figures ------------------------------------------------------------------------


def test_competing_figures_propose_the_conservative_one():
    text = (
        "Yerevan said 40 soldiers were killed in the clash near Sarnajur; "
        "Baku put the number of dead at 12."
    )
    proposal = propose(text)
    assert triple(proposal.killed) == (12, 12, 40)
    assert quotes(text, proposal.killed, "high")[0] == ("40", "digits")
    assert quotes(text, proposal.killed, "best")[0] == ("12", "digits")
    assert [f.best for f in proposal.killed.alternatives] == [40]


def test_competing_bounds():
    proposal = propose("At least 21 soldiers were killed. Up to 50 may have been killed.")
    assert triple(proposal.killed) == (21, 21, 50)


def test_civilian_and_military_figures_add_up():
    proposal = propose("4 soldiers were killed. Separately, 2 civilians were killed in Ketavan.")
    assert triple(proposal.killed) == (6, 6, 6)
    assert proposal.who == "mixed"


def test_a_zero_yields_to_a_number():
    text = "There were no casualties in Gyulbagh, but 3 soldiers were wounded near Ketavan."
    proposal = propose(text)
    assert proposal.wounded.best == 3
    assert proposal.killed.best == 0
    assert [f.best for f in proposal.wounded.alternatives] == [0]
    assert proposal.who == "military"


# --- text ---------------------------------------------------------------------------------------


def test_curly_quotes_and_line_breaks():
    text = "The ministry said “12 civilians” were\nkilled in Verin Tsaghik."
    assert best(text) == 12


def test_a_paragraph_break_separates():
    assert propose("The toll rose to\n\n40 new homes were built.").figures == ()


def test_turkish_dotted_capital_keeps_offsets():
    text = "İlham said 7 soldiers were killed near Şuşakənd."
    proposal = propose(text)
    assert quotes(text, proposal.killed)[:2] == [("7", "digits"), ("killed", "cue:killed")]


def test_offsets_are_code_points():
    text = "🇦🇲 🕊️ Երևան: 12 civilians were killed 🙏🏽 in Verin Tsaghik."
    proposal = propose(text)
    assert quotes(text, proposal.killed) == [
        ("12", "digits"),
        ("killed", "cue:killed"),
        ("civilians", "who:civilian"),
    ]
    assert proposal.killed.evidence("best")[0].start == text.index("12")


def test_headline_capitals():
    assert best("12 KILLED IN SHELLING OF VERIN TSAGHIK") == 12


def test_empty_and_figureless_text():
    for text in ("", " ", "Shelling was reported near the border overnight."):
        proposal = propose(text)
        assert proposal.empty and proposal.who is None
        assert all(proposal.estimate(c) == Estimate() for c in CATEGORIES)


STORY = (
    "VERIN TSAGHIK, 14 October — Azerbaijani shelling of Verin Tsaghik overnight killed at "
    "least 12 civilians, including three children, and wounded 27 others, the regional "
    "governor said on Tuesday. Baku denied that its forces had targeted residential areas and "
    "said 4 servicemen had been killed by Armenian fire near Molla-Kend. A drone strike at "
    "02:00 on the 140-kilometre border road left 5 soldiers dead; claims of 50 dead are false, "
    "the ministry said. Nobody was hurt in Gyulbagh, where dozens of houses were damaged. Up to "
    "8 soldiers are missing and 2 were taken prisoner, according to a 24/7 hotline on "
    "+374 10 123456."
)


def test_a_whole_story():
    proposal = propose(STORY)
    assert proposal.killed.best == 16  # 12 civilians + min(4, 5) soldiers
    assert proposal.wounded.best == 27
    assert triple(proposal.missing) == (None, None, 8)
    assert proposal.captured.best == 2
    assert proposal.who == "mixed"
    assert_evidence_is_words(STORY, proposal)


def test_every_range_quotes_words_in_many_texts():
    fragments = [
        "at least 21",
        "killed",
        "12 soldiers",
        "were wounded",
        "no one",
        "dozens of",
        "civilians",
        "between 5 and 7",
        "on 12 September 2022",
        "the death toll rose to",
        "including 3 children",
        "denied that",
        ",",
        ";",
        "a shepherd",
        "1 970",
        "“40”",
        "\u00a0",
    ]
    for i in range(400):
        words = [fragments[(i * 7 + j * 13) % len(fragments)] for j in range(1 + i % 9)]
        text = " ".join(words)
        assert_evidence_is_words(text, propose(text))


PIECES = [
    "at least",
    "more than",
    "up to",
    "nearly",
    "between",
    "and",
    "or",
    "to",
    "-",
    "–",
    "12",
    "1,970",
    "1\u00a0970",
    "2,5",
    "2020",
    "02:00",
    "twenty-one",
    "a dozen",
    "dozens of",
    "a few",
    "no one",
    "nobody",
    "none of the",
    "a",
    "soldier",
    "soldiers",
    "civilians",
    "were",
    "killed",
    "killing",
    "wounded",
    "killed or wounded",
    "missing",
    "taken prisoner",
    "casualties",
    "no casualties",
    "the death toll rose to",
    "including",
    "denied that",
    "false",
    "km",
    "September",
    "(",
    ")",
    ",",
    ".",
    ";",
    "“",
    "”",
    "İ",
    "🇦🇲",
    "\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from([" ", "", "\u00a0", "\n"]))
def test_any_text_gives_ranges_of_words_and_ordered_values(pieces, separator):
    text = separator.join(pieces)
    proposal = propose(text)
    assert_evidence_is_words(text, proposal)
    for category in CATEGORIES:
        estimate = proposal.estimate(category)
        values = [v for v in triple(estimate) if v is not None]
        assert values == sorted(values), (text, category, estimate)
        for value in ("low", "best", "high"):
            assert bool(estimate.evidence(value)) == (getattr(estimate, value) is not None)


# --- the shared corpus ---------------------------------------------------------------------------


def sentence_with(text: str, phrase: str) -> str:
    """The sentence of ``text`` holding ``phrase`` (found at run time, never copied here)."""
    i = text.index(phrase)
    start = max(text.rfind(". ", 0, i) + 2, text.rfind("\n", 0, i) + 1)
    ends = [j for j in (text.find(". ", i), text.find("\n", i)) if j != -1]
    return text[start : min(ends) if ends else len(text)]


def test_real_articles(shared_corpus):
    archive = (shared_corpus / "003_da75a60ae01185ed.txt").read_text(encoding="utf-8")
    span = sentence_with(archive, "soldiers were killed during the clashes")
    proposal = propose(span)
    assert (proposal.killed.low, proposal.killed.best) == (800, 800)
    assert proposal.who == "military"
    span = sentence_with(archive, "civilians had been killed and")
    proposal = propose(span)
    assert (proposal.killed.best, proposal.wounded.best, proposal.who) == (4, 10, "civilian")
    span = sentence_with(archive, "denying any casualties")
    proposal = propose(span)
    assert (proposal.killed.best, proposal.wounded.best) == (0, 0)
    assert proposal.killed.evidence("best")[0].rule == "denied-any"
    span = sentence_with(archive, "Armenian prisoners of war")
    assert propose(span).captured.best == 2
    span = sentence_with(archive, "more settlements")  # a number of places, not of people
    assert re.search(r"\d", span) and propose(span).figures == ()
    for path in sorted(shared_corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for start in range(0, len(text), 1000):
            span = text[start : start + 2000]
            assert_evidence_is_words(span, propose(span))


def test_real_article_without_a_number(shared_corpus):
    article = (shared_corpus / "001_0f69a66bbad617ea.txt").read_text(encoding="utf-8")
    span = sentence_with(article, "civilians were wounded")
    assert re.search(r"\d", span) is None
    assert propose(span).figures == ()
