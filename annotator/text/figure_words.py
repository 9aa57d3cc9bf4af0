"""The words ``figures`` reads casualty figures by (docs/figures.md explains each list).

Every entry is a literal word or phrase, matched without regard to case; a space in a phrase
matches any white space (with at most one line break). ``CUES`` phrases are written with
``{a|b}`` for alternatives, expanded once at import.
"""

from __future__ import annotations

# --- number words -----------------------------------------------------------------------------

NUMBER_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# no count of people is larger: a bigger number is no count (and no estimate field holds one)
MAX_COUNT = 10**12

# --- bounds before a number (the rule each gives, docs/figures.md "Bounds") -------------------

BOUND_KINDS = {
    "at-least": (
        "at least", "at the very least", "no fewer than", "no less than", "not less than",
        "not fewer than", "a minimum of",
    ),
    "more-than": ("more than", "over", "upwards of", "in excess of", "above"),
    "up-to": ("up to", "as many as", "no more than", "not more than", "at most", "a maximum of"),
    "fewer-than": ("fewer than", "less than", "under", "below"),
    "about": (
        "about", "around", "roughly", "approximately", "approx.", "some", "an estimated",
        "estimated", "circa", "an approximate",
    ),
    "nearly": ("nearly", "almost", "close to"),
    "exact": ("a total of", "exactly", "precisely"),
}  # fmt: skip
# the rules that read a number itself (the others read a bound or range around one)
READING_RULES = frozenset({"digits", "number-words", "vague", "singular", "no-one"})
BOUNDS = frozenset(b for words in BOUND_KINDS.values() for b in words)

# words a quantity is built around (with number words and digits): vague quantities and "none"
CORE_WORDS = frozenset(
    "several tens dozens scores hundreds thousands millions no nobody none not".split()
)
# number words that may follow "a": "a dozen", "a few", "half a million"
ARTICLE_WORDS = frozenset("dozen hundred thousand million few handful couple".split())

# --- who the victims were ---------------------------------------------------------------------

CIVILIAN = frozenset(
    """civilian civilians child children kid kids boy boys girl girls resident residents
    villager villagers inhabitant inhabitants woman women elderly pensioner pensioners
    shepherd shepherds farmer farmers journalist journalists reporter reporters student
    students schoolchildren teacher teachers infant infants baby babies teenager teenagers
    minor minors refugee refugees passenger passengers worshippers""".split()
) | {
    "aid worker", "aid workers", "non-combatant", "non-combatants", "noncombatants",
    "family members", "civilian population", "peaceful population", "peaceful residents",
}  # fmt: skip
MILITARY = frozenset(
    """soldier soldiers serviceman servicemen servicewoman servicewomen servicepeople troops
    personnel military army fighter fighters militant militants mercenary mercenaries
    combatant combatants officer officers conscript conscripts guard guards sergeant
    sergeants lieutenant lieutenants commander commanders pilot pilots policeman policemen
    police peacekeeper peacekeepers sapper sappers sniper snipers gunmen reservist
    reservists paratroopers marines""".split()
) | {
    "service members", "service member", "border guard", "border guards",
    "military personnel", "police officer", "police officers", "contract soldiers",
}  # fmt: skip
NEUTRAL = frozenset(
    """people persons person individuals others man men adults worker workers driver drivers
    doctor doctors nurse nurses medic medics paramedics volunteers mother mothers father
    fathers son sons daughter daughters husband husbands wife wives brother brothers sister
    sisters relatives""".split()
)
PERSON = CIVILIAN | MILITARY | NEUTRAL
# singular nouns a/an counts as one ("a shepherd was killed")
SINGULAR = frozenset(
    """civilian child boy girl resident villager inhabitant woman man shepherd farmer journalist
    reporter student teacher teenager baby infant person soldier serviceman servicewoman
    officer conscript fighter guard sergeant lieutenant commander pilot policeman peacekeeper
    sapper sniper mercenary worker driver doctor nurse medic paramedic mother father son
    daughter husband wife brother sister""".split()
) | {"border guard", "police officer", "aid worker", "service member"}  # fmt: skip
# words that may stand before a person noun ("12 unarmed civilians", "a 12-year-old boy")
MODIFIERS = frozenset(
    """more other additional further young elderly old local unarmed innocent teenage little
    pregnant female male retired civilian military army contract border enemy fellow ethnic
    foreign peaceful armed regular reserve second third fourth fifth""".split()
)

# --- category words ---------------------------------------------------------------------------


def expand(pattern: str) -> list[str]:
    """``"lost {their|his} lives"`` -> ``["lost their lives", "lost his lives"]`` (no nesting)."""
    head, brace, rest = pattern.partition("{")
    if not brace:
        return [pattern]
    options, _, tail = rest.partition("}")
    return [head + option + more for option in options.split("|") for more in expand(tail)]


# kinds: a = may follow the number ("12 killed"), v = may precede it with nothing between
# ("killing 3", "the deaths of 5"), t = a toll that precedes it, usually with a verb ("the
# death toll rose to 40"). The longest phrase wins ("killed or wounded" over "killed").
_CUES = [
    ("{killed|dead} {or|and} {wounded|injured}", "casualties", "av"),
    ("killing {or|and} {wounding|injuring}", "casualties", "v"),
    ("casualty {toll|figure|figures|count}", "casualties", "t"),
    ("number of {|the }{casualties|victims}", "casualties", "t"),
    ("{casualties|victims}", "casualties", "at"),
    ("{died|succumbed} {of|from|to} {|his |her |their }{wounds|injuries}", "killed", "a"),
    ("lost {their|his|her} {lives|life}", "killed", "a"),
    ("lives {|were |have been |had been }lost", "killed", "a"),
    ("{killed in action|shot dead|kia|dead|died|deaths|fatalities|bodies|slain|perished}",
     "killed", "a"),
    ("{martyrs|martyred}", "killed", "a"),
    ("{claimed|took} the {life|lives} of", "killed", "v"),
    ("{death|deaths|bodies|body|remains} of", "killed", "av"),
    ("{killing|killings} of", "killed", "v"),
    ("{killing|kills|lost|losing}", "killed", "v"),
    ("{death|fatality} {toll|count}", "killed", "t"),
    ("{body count|toll}", "killed", "t"),
    ("number of {|the }{dead|deaths|fatalities|killed|those killed|people killed}",
     "killed", "t"),
    ("killed", "killed", "av"),
    ("{wounded|injured}", "wounded", "av"),
    ("{wounding|injuring}", "wounded", "v"),
    ("{hurt|harmed|injuries|wounds}", "wounded", "a"),
    ("number of {|the }{wounded|injured}", "wounded", "t"),
    ("injury toll", "wounded", "t"),
    ("{missing in action|unaccounted for|mia|missing|disappeared}", "missing", "a"),
    ("number of {|the }missing", "missing", "t"),
    ("disappearance of", "missing", "v"),
    ("taken {prisoner|captive|hostage}", "captured", "a"),
    ("held {captive|hostage}", "captured", "a"),
    ("{prisoners|prisoner} of war", "captured", "a"),
    ("{pows|pow|prisoners|captives|hostages|detainees}", "captured", "a"),
    ("number of {|the }{prisoners|pows|captives|detainees|hostages}", "captured", "t"),
    ("{capture|detention} of", "captured", "v"),
    ("{capturing|detaining}", "captured", "v"),
    ("{captured|detained|abducted}", "captured", "av"),
]  # fmt: skip
CUES = {phrase: (category, kinds) for p, category, kinds in _CUES for phrase in expand(p)}

# abbreviations that count only in capitals
UPPER_CUES = frozenset({"kia", "mia", "pow", "pows"})

# "no casualties", "no deaths or injuries": the noun and the categories it zeroes
ZERO_NOUNS = {
    "casualties": ("casualties",),
    "victims": ("casualties",),
    "human losses": ("casualties",),
    "deaths": ("killed",),
    "fatalities": ("killed",),
    "dead": ("killed",),
    "loss of life": ("killed",),
    "losses of life": ("killed",),
    "lives lost": ("killed",),
    "injuries": ("wounded",),
    "wounded": ("wounded",),
    "injured": ("wounded",),
}

# --- what may stand between a number and its category word ------------------------------------

AFTER_GAP = frozenset(
    """were was are is be been being have has had having will would may might could reportedly
    allegedly reported confirmed officially also all both later since subsequently so far now
    still remain remained remains went gone listed as left believed thought feared presumed
    said to who that which of them whom the these those our their his her its either
    sustained suffered received in near""".split()
)
VERB_GAP = frozenset("another a further an additional also reportedly allegedly only".split())
TOLL_GAP = frozenset(
    """has had have now officially reportedly already so far rose risen climbed increased
    jumped grew reached stands stood standing is was were are at to of by hit passed exceeded
    topped surpassed reaching rising put puts placed been revised up among the""".split()
)
TOLL_VERBS = frozenset(
    """rose risen climbed increased jumped grew reached stands stood hit passed exceeded topped
    surpassed reaching rising is was""".split()
)
QUOTES = frozenset("“ ” \" ‘ ’ « » '".split())
# words that may follow a number a category word precedes ("killing 3 in the village")
FOLLOWERS = frozenset(
    """and or in on at during near when as after before while including of among from since
    with by but overnight yesterday today tonight this last earlier later so were was are is
    have had inside across along around outside within between throughout according""".split()
)
# a figure in "rose from 5 to 7" is the second number
CHANGE_VERBS = frozenset(
    "rose risen rising climbed increased jumped grew fell dropped decreased revised".split()
)

# --- what a number next to them is not a count of ---------------------------------------------

MONTHS = frozenset(
    """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec""".split()
)
MEASURES = frozenset(
    """per cent percent pct km kms kilometre kilometres kilometer kilometers metre metres meter
    meters m mm cm miles mile mi kg kilograms kilogram grams tons tonnes ton tonne hectares
    hectare ha feet foot ft inches acres sq square dollars dollar euros euro rubles roubles
    manats manat drams dram lari usd eur amd azn rub years year yrs months month days day weeks
    week hours hour hrs hr h minutes minute mins min seconds second secs decades decade
    centuries century times degrees a.m. p.m. am pm o'clock o’clock gmt utc calibre caliber
    storeys storey floors floor kph mph billion trillion""".split()
) | {"local time", "km/h"}  # fmt: skip
DESIGNATORS = frozenset(
    """resolution resolutions article articles paragraph section chapter clause protocol
    number page pages flight route road highway unit hill height point decree order
    law case item version model tel phone ext room building block apartment house sector post
    checkpoint battalion regiment brigade division corps squad platoon km kilometre kilometer
    level grade class category type series mark mk vol issue aged age ages code""".split()
)
DOTTED_DESIGNATORS = frozenset({"no", "nos", "p", "pp", "vol"})  # only with the dot: "No. 5"

# --- denials ----------------------------------------------------------------------------------

DENIALS = frozenset(
    """deny denies denied denying denial refute refutes refuted refuting reject rejects rejected
    rejecting dismiss dismisses dismissed dismissing false untrue fake baseless unfounded
    groundless fabricated fabrication fabrications disinformation misinformation lies""".split()
) | {"not true", "no truth"}
# between a denial and a figure, these end its reach
CLAUSE_BREAKS = frozenset(
    "but while whereas however although though instead said says saying adding added".split()
)
