"""Time-expression patterns, built once from ``data/lexicon.yaml``, and their normalizers.

Each pattern is a regular expression over the article text (case-insensitive,
with month and weekday names checked for capitals in the handler) and a handler
that turns a match into TIMEX3 attributes against the document creation time.
Extents follow TimeML: leading prepositions ("on", "in", "since", "at") are
left out; determiners and modifiers ("the", "about", "early", "last") are in.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from . import normalize as N

DATA = Path(__file__).parent / "data"


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    with open(DATA / "lexicon.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def _alt(words) -> str:
    """Regex alternation of literal phrases, longest first so the longest wins."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(slots=True)
class Found:
    """A normalized candidate before it becomes a TimeValue."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None
    rule: str
    priority: int = 0


@dataclass(slots=True)
class Ctx:
    """What a handler may consult: the text, the anchor date, and tense at an offset."""

    text: str
    dct: date | None
    direction: Callable[..., int]  # (offset, modal=0) -> -1 past, +1 future, 0 unknown
    is_person: Callable[[int], bool]  # offset -> the token there is part of a name (person, organization, work)
    is_count: Callable[[int], bool]  # offset -> the number there counts a noun ("2000 people")


class Grammar:
    """All patterns, compiled once per process."""

    def __init__(self) -> None:
        lx = lexicon()
        self.months = lx["months"]
        self.weekdays = lx["weekdays"]
        self.numbers = {str(k): v for k, v in lx["numbers"].items()}
        self.units = lx["units"]
        self.plurals = lx["unit_plurals"]
        self.pods = lx["parts_of_day"]
        self.seasons = lx["seasons"]
        self.sets = lx["sets"]
        self.mods = lx["mods"]
        self.posmods = lx["position_mods"]
        self.holidays = lx["holidays"]
        self.refs = lx["refs"]
        tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
        ones = "one|two|three|four|five|six|seven|eight|nine"
        num = (
            rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:\s+\d/\d|\s*½)?"
            rf"|(?:{tens})[-\s](?:{ones})|{_alt(self.numbers)})"
        )
        self.NUM = num
        self.tens_ones = re.compile(rf"^({tens})[-\s]({ones})$", re.I)
        units = list(self.units) + list(self.plurals)
        UNIT = rf"(?:{_alt(units)})"
        MODS = rf"(?:{_alt(self.mods)})"
        POS = rf"(?:{_alt(self.posmods)})"
        mon_names = [m for m in self.months if len(m) > 3 or m == "may"]
        mon_abbr = [m for m in self.months if len(m) <= 4 and m != "may" and m not in ("june", "july")]
        MON = rf"(?:(?:{_alt(mon_names)})(?![a-z])\.?|(?:{_alt(mon_abbr)})(?![a-z])\.?)"
        MONSOLO = rf"(?:(?:{_alt(mon_names)})(?![a-z])|(?:{_alt(mon_abbr)})\.)"
        wd_full = [w for w in self.weekdays if len(w) > 5]
        WD = rf"(?:{_alt(wd_full)})"
        WDANY = rf"(?:{_alt(self.weekdays)})\.?"
        YEAR = r"(?:1[5-9]\d\d|20\d\d)"
        teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
        # digits or words, as broadcast transcripts write them ("nineteen ninety-four")
        YEARS = rf"(?:{YEAR}|(?:nineteen|twenty)[-\s]+(?:{teens}|(?:{tens})(?:[-\s](?:{ones}))?))"
        PRE = r"(?<![\w$£€#.,/-])"
        POD = rf"(?:{_alt(self.pods)})"
        P = []

        def add(name, rx, handler, priority=0):
            P.append((name, re.compile(PRE + rx, re.I), handler, priority))

        add(
            "mdy",
            rf"(?:(?:last|this|next)\s+)?(?:(?P<wd>{WDANY}),?\s+)?(?:(?P<pos>{POS})[-\s]+)?(?P<mon>{MON})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])(?!\s*(?:%|percent|[-,]\d))(?:,?\s+(?P<year>{YEAR})(?!\d))?",
            self.h_date,
            1,
        )
        add(
            "dmy",
            rf"(?:(?P<wd>{WDANY}),?\s+)?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MON})(?:,?\s+(?P<year>{YEAR})(?!\d))?",
            self.h_date,
            1,
        )
        add(
            "my",
            rf"(?:(?P<pos>{POS})[-\s]+)?(?P<mon>{MON})(?:\s+of)?,?\s+(?P<year>{YEARS})(?!\d|,\d|[-\w])",
            self.h_date,
            1,
        )
        add("iso", r"(?P<year>\d{4})-(?P<monn>\d\d)-(?P<day>\d\d)(?![\d-])", self.h_date)
        add("numdate", r"(?P<monn>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d\d)(?![\d/])", self.h_date)
        add(
            "month",
            rf"(?:(?P<rel>last|next|this|coming|past|the\s+previous|previous)\s+|(?P<pos>{POS})[-\s]+)?(?P<mon>{MONSOLO})",
            self.h_month,
        )
        add(
            "year",
            rf"(?:(?P<fy>(?:the\s+)?(?:fiscal|calendar|financial|model|the)(?:\s+year)?|the\s+year|fy)\s*|(?P<pos>{POS})[-\s]+|(?P<prepost>pre|post)-)?(?P<year>{YEAR})(?!\d|[.,]\d|\s*(?:%|percent)|-(?:\d|year|old)|\s*/\d)",
            self.h_year,
        )
        add("decade", rf"(?:the\s+)?(?:(?P<pos>{POS})[-\s]+)?(?P<dec>(?:1[5-9]|20)\d0|'\d0)'?s(?![\w'])", self.h_decade)
        add(
            "decade_w",
            r"the\s+(?:(?P<pos>early|late|mid)[-\s]+)?(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)",
            self.h_decade,
        )
        add(
            "century",
            rf"(?:the\s+)?(?:(?P<pos>{POS})[-\s]+)?(?P<ord>\d{{1,2}})(?:st|nd|rd|th)[-\s]century",
            self.h_century,
        )
        add(
            "quarter",
            rf"(?:(?P<yr>{YEAR}|this\s+year|last\s+year|next\s+year)'s\s+)?(?:the\s+(?:(?P<yr3>{YEAR})\s+)?)?(?:(?P<rel>latest|current|previous|preceding|last|next|this|past|year-ago|year-earlier|same|comparable|prior-year|year-before)[-\s]+)?(?:(?:fiscal|calendar)[-\s]+)?(?P<qn>first|second|third|fourth|1st|2nd|3rd|4th)?[-\s]*(?:(?:fiscal|calendar)[-\s]+)?(?P<qt>quarter|half|period)(?![-\w])(?:\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR}|this\s+year|last\s+year|next\s+year)|,?\s+(?P<year2>{YEAR}))?",
            self.h_quarter,
        )
        add(
            "season",
            rf"(?:(?P<rel>last|next|this|coming|past)\s+|(?P<pos>{POS})[-\s]+|(?P<the>the)\s+)?(?P<season>spring|summer|fall|autumn|winter)(?![-\w])(?:\s+of\s+(?P<year>{YEARS})|,?\s+(?P<year2>{YEAR}))?",
            self.h_season,
        )
        add(
            "relday",
            rf"(?:(?P<pos>early|late)\s+)?(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow|this|last)(?:\s+(?P<pod>{POD}))?(?![-\w])",
            self.h_relday,
        )
        add(
            "relunit",
            rf"(?:(?P<pos>{POS}|earlier|later)[-\s]+)?(?P<rel>the\s+previous|the\s+following|the\s+next|the\s+past|the\s+last|the\s+coming|the\s+current|the\s+same|this|last|next|coming|past|previous|current|following)\s+(?P<unit>day|week|weekend|month|year|decade|century|quarter)(?![-\w])",
            self.h_relunit,
        )
        add("theweekend", r"the\s+weekend", self.h_relunit)
        add(
            "theyear",
            r"the\s+(?P<full>full\s+|whole\s+|entire\s+)?year(?![-\w]|\s+(?:two|ago|earlier|before|after|\d))",
            self.h_theyear,
        )
        add(
            "weekday",
            rf"(?:(?P<rel>last|next|this|coming|past|previous|early|late)\s+)?(?P<wd>{WD})(?P<pl>s)?(?:\s+(?P<pod>{POD}))?(?![-\w])",
            self.h_weekday,
        )
        add(
            "ago",
            rf"(?:(?P<mod>{MODS})\s+)?(?:(?P<num>{num})[-\s]+)?(?P<unit>{UNIT})\s+(?P<dir>ago|earlier|later|from\s+now|hence|previously|back|before(?=\s*[.,;:!?)]|\s*$)|after(?=\s*[.,;:!?)]|\s*$))(?![-\w])",
            self.h_ago,
            1,
        )
        add(
            "duration",
            rf"(?:(?P<mod>{MODS})\s+)?(?:(?P<the>the|a|an|another|an\s+additional)\s+)?(?:(?P<rel>past|last|next|coming|first|previous|following|final|remaining|initial|latest|better\s+part\s+of\s+the|full|entire|whole|same)\s+)?(?P<num>{num})(?:[-\s]+(?:and[-\s]+a[-\s]+half|more|additional|full|straight|consecutive))?[-\s]+(?P<unit>{UNIT})(?![-\w]|\s+old)(?:-long)?",
            self.h_duration,
        )
        add(
            "bareunit",
            r"(?P<pre>for|within|in|over|last|lasts|lasted|lasting|take|takes|took|taken|spent|spend|spends|after|the\s+coming|the\s+next|the\s+past|recent|coming)\s+(?P<unit>days|weeks|months|years|decades|hours|minutes)(?![-\w])",
            self.h_bareunit,
        )
        add(
            "set",
            rf"(?P<every>every|each|per)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{num})\s+)?(?:(?P<unit>{UNIT})|(?P<wd>{WD})|(?P<mon>{MONSOLO})|(?P<pod>{POD}))(?![-\w])",
            self.h_set,
        )
        add("setadv", rf"(?P<adv>{_alt(self.sets)})(?![-\w])", self.h_set)
        add(
            "setfreq",
            rf"(?:once|twice|thrice|\d+\s+times|(?:{_alt(self.numbers)})\s+times)\s+(?P<a>a|an|per)\s+(?P<unit1>{_alt(self.units)})(?![-\w])",
            self.h_setfreq,
        )
        add(
            "time",
            rf"(?:(?P<mod>{MODS})\s+)?(?P<h>\d{{1,2}})(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am|pm|o'clock)(?![\w])(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|local\s+time))?(?:,?\s+(?:on\s+)?(?P<day>today|yesterday|tomorrow|tonight|(?P<wd>{WD})|(?P<mon>{MON})\s+(?P<mday>\d{{1,2}})(?!\d)))?",
            self.h_time,
            1,
        )
        add(
            "time24",
            rf"(?:(?P<mod>{MODS})\s+)?(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s*(?P<tz>GMT|UTC|[ECMP][SD]T|local\s+time))?(?![\d:])",
            self.h_time,
        )
        add(
            "noon",
            rf"(?:(?P<mod>{MODS})\s+)?(?P<w>noon|midnight|midday)(?:\s+(?P<day>today|yesterday|tomorrow|(?P<wd>{WD})))?(?![-\w])",
            self.h_time,
        )
        add("yearago", r"(?P<ya>year-earlier|year-ago|year-before|prior-year)(?![-\w])", self.h_yearago)
        add(
            "spokenyear",
            rf"(?P<c>nineteen|twenty)[-\s]+(?P<t>ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:{tens})(?:[-\s](?:{ones}))?)(?![-\w])",
            self.h_spokenyear,
        )
        add("year2000", rf"the\s+year\s+two\s+thousand(?:\s+and\s+(?P<o>{ones}))?", self.h_spokenyear)
        add(
            "anaphor",
            r"(?:(?P<pos>earlier|later|early|late)\s+(?:in\s+)?)?(?:that|the\s+same)\s+(?P<unit>day|week|month|year)(?![-\w])",
            self.h_anaphor,
        )
        add(
            "anaphor_pod",
            r"the\s+(?P<next>next|following)\s+(?:morning|afternoon|evening|night)(?![-\w])",
            self.h_anaphor,
        )
        add(
            "fiscalyear",
            r"the\s+(?:current\s+|latest\s+)?fiscal\s+year(?![-\w]|\s+(?:\d|ended|ending))",
            self.h_fiscalyear,
        )
        add("ref", rf"(?P<ref>{_alt(self.refs)})(?![-\w])", self.h_ref)
        add(
            "holiday",
            rf"(?P<hol>{_alt(self.holidays)}|thanksgiving(?:\s+day)?|election\s+day)(?![-\w])",
            self.h_holiday,
        )
        self.patterns = P
        # Every expression contains one of these words; patterns only run near them (speed).
        triggers = (
            list(self.months)
            + list(self.weekdays)
            + list(self.units)
            + list(self.plurals)
            + list(self.pods)
            + list(self.seasons)
            + list(self.sets)
            + list(self.refs)
            + list(self.holidays)
            + [
                "today",
                "tonight",
                "yesterday",
                "tomorrow",
                "noon",
                "midnight",
                "midday",
                "weekend",
                "weekends",
                "half",
                "period",
                "thanksgiving",
                "nineteen",
                "twenty",
                "thousand",
                "twenties",
                "thirties",
                "forties",
                "fifties",
                "sixties",
                "seventies",
                "eighties",
                "nineties",
                "ago",
                "year-earlier",
                "year-ago",
            ]
        )
        self.trigger = re.compile(rf"\d|\b(?:{_alt(triggers)})s?\b", re.I)

    # ---- helpers -------------------------------------------------------------------

    def num(self, s: str | None):
        if s is None:
            return None
        s = re.sub(r"\s+", " ", s.strip().lower())
        if s in self.numbers:
            return self.numbers[s]
        m = self.tens_ones.match(s)
        if m:
            return self.numbers[m.group(1).lower()] + self.numbers[m.group(2).lower()]
        s = s.replace(",", "")
        frac = 0.0
        if "½" in s:
            s, frac = s.replace("½", "").strip(), 0.5
        m = re.match(r"^(\d+(?:\.\d+)?)(?:\s+(\d)/(\d))?$", s)
        if not m:
            return None
        v = float(m.group(1)) + frac
        if m.group(2):
            v += int(m.group(2)) / int(m.group(3))
        return int(v) if v.is_integer() else v

    def year_value(self, s: str) -> int | None:
        """ "1994" or "nineteen ninety-four" -> 1994."""
        if s.isdigit():
            return int(s)
        parts = re.split(r"[-\s]+", s.strip().lower(), maxsplit=1)
        if len(parts) != 2:
            return None
        rest = self.num(parts[1])
        if not isinstance(rest, int) or rest < 10:
            return None
        return (19 if parts[0] == "nineteen" else 20) * 100 + rest

    def unit(self, s: str) -> tuple[str, bool, int]:
        s = s.lower()
        s = self.plurals.get(s, s)
        return tuple(self.units[s])

    @staticmethod
    def cap(s: str | None) -> bool:
        return bool(s) and s[0].isupper()

    def posmod(self, s: str | None) -> str | None:
        if not s:
            return None
        return self.posmods.get(re.sub(r"\s+", " ", s.lower()))

    def month_no(self, s: str) -> int:
        return self.months[s.lower().rstrip(".")]

    # ---- handlers: return (type, value, mod) or None to reject --------------------------

    def h_date(self, m, ctx: Ctx):
        g = m.groupdict()
        if g.get("mon"):
            if not self.cap(g["mon"]):
                return None
            mon = self.month_no(g["mon"])
        else:
            mon = int(g["monn"])
        day = int(g["day"]) if g.get("day") else None
        if g.get("wd") and not self.cap(g["wd"]):
            return None
        year = g.get("year")
        if year:
            y = self.year_value(year)
            if y is None:
                return None
            if y < 100:
                y += 1900 if y > 30 else 2000
        elif day is not None:
            if ctx.dct is None:
                if not 1 <= day <= 31:
                    return None
                return "DATE", f"XXXX-{mon:02d}-{day:02d}", None
            y = ctx.dct.year
            cand = N.safe_date(y, mon, day)
            if cand is not None:
                d = ctx.direction(m.start("mon") if g.get("mon") else m.start())
                ahead = (cand - ctx.dct).days
                # the occurrence nearest the publication date (news leans to the past: a
                # date up to eight months back stays in this year), unless tense says a date
                # more than two months away is in the other direction
                if ahead > 183 or (d < 0 and ahead > 60):
                    y -= 1
                elif ahead < -240 or (d > 0 and ahead < -60):
                    y += 1
        if day is None:
            return "DATE", f"{y:04d}-{mon:02d}", self.posmod(g.get("pos"))
        if N.safe_date(y, mon, day) is None:
            return None
        return "DATE", f"{y:04d}-{mon:02d}-{day:02d}", self.posmod(g.get("pos"))

    def h_date_parts(self, ctx: Ctx, mon: int, day: int, off: int) -> str | None:
        """ISO date for a month and day without a year, in the year nearest the DCT."""
        y = ctx.dct.year
        cand = N.safe_date(y, mon, day)
        if cand is None:
            return None
        ahead = (cand - ctx.dct).days
        if ahead > 183:
            y -= 1
        elif ahead < -183:
            y += 1
        return f"{y:04d}-{mon:02d}-{day:02d}"

    def h_month(self, m, ctx: Ctx):
        g = m.groupdict()
        name = g["mon"]
        if not self.cap(name):
            return None
        low = name.lower()
        if low in ("may", "march") and not (g.get("rel") or g.get("pos")):
            # the modal "May" and the verb "March" open sentences; require a date context
            before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
            if not re.search(
                r"\b(in|of|since|until|by|from|through|early|late|mid|last|next|this|before|after|during)\s*$", before
            ):
                return None
        if ctx.is_person(m.start("mon")):
            return None
        mon = self.month_no(name)
        rel = (g.get("rel") or "").lower().split()[-1:] or [""]
        rel = rel[0]
        if ctx.dct is None:
            return "DATE", f"XXXX-{mon:02d}", self.posmod(g.get("pos"))
        if rel in ("last", "past", "previous"):
            y = ctx.dct.year if mon < ctx.dct.month else ctx.dct.year - 1
        elif rel in ("next", "coming"):
            y = ctx.dct.year if mon > ctx.dct.month else ctx.dct.year + 1
        elif rel == "this":
            y = ctx.dct.year
        else:
            # tense moves a bare month across the year boundary; without tense, the nearest one
            d = ctx.direction(m.start("mon"))
            y = ctx.dct.year
            if d == 0:
                y = N.nearest_month_year(ctx.dct, mon)
            elif d < 0 and mon > ctx.dct.month + 1:
                y -= 1
            elif d > 0 and mon < ctx.dct.month - 1:
                y += 1
        return "DATE", f"{y:04d}-{mon:02d}", self.posmod(g.get("pos"))

    def h_year(self, m, ctx: Ctx):
        g = m.groupdict()
        fy = (g.get("fy") or "").lower()
        y = int(g["year"])
        if fy.strip() == "the":
            after = ctx.text[m.end() : m.end() + 9].lower()
            if after.startswith((" period", " quarter")):  # "the 1988 period": the reporting period
                return "DATE", f"{y:04d}", None, m.start(), m.end() + len(after.split()[0]) + 1
            return "DATE", f"{y:04d}", None, m.start("year"), m.end()  # "the 1996 law": just the year
        if not (g.get("fy") or g.get("pos") or g.get("prepost")) and ctx.is_count(m.start("year")):
            return None
        mod = self.posmod(g.get("pos"))
        pp = (g.get("prepost") or "").lower()
        if pp:
            mod = "BEFORE" if pp == "pre" else "AFTER"
        return "DATE", f"{y:04d}", mod

    def h_decade(self, m, ctx: Ctx):
        g = m.groupdict()
        if g.get("decw"):
            words = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
            d = 1920 + 10 * words.index(g["decw"].lower())
        else:
            s = g["dec"]
            d = 1900 + int(s[1:]) if s.startswith("'") else int(s)
        return "DATE", f"{d // 10}", self.posmod(g.get("pos"))

    def h_century(self, m, ctx: Ctx):
        g = m.groupdict()
        c = int(g["ord"]) - 1
        return "DATE", f"{c:02d}", self.posmod(g.get("pos"))

    def h_quarter(self, m, ctx: Ctx):
        g = m.groupdict()
        qt = g["qt"].lower()
        rel = (g.get("rel") or "").lower()
        if qt == "period":
            # "the latest period", "the year-earlier period": financial reporting quarters
            if g.get("qn") or rel not in (
                "latest",
                "year-ago",
                "year-earlier",
                "year-before",
                "comparable",
                "prior-year",
            ):
                return None
            qt = "quarter"
        qn = g.get("qn")
        text = m.group(0).lower()
        if (
            not qn
            and not rel
            and (not text.startswith("the ") or ctx.text[m.end() : m.end() + 4].lower().startswith(" of"))
        ):
            return None
        if not qn and qt == "half":
            return None
        if ctx.text[m.end() : m.end() + 4].lower() == " of " and not (g.get("year")):
            # "the first half of the game": only calendar periods
            nxt = ctx.text[m.end() + 4 : m.end() + 20].lower()
            if not re.match(r"(the\s+|this\s+|last\s+|next\s+)?(year|fiscal)", nxt):
                return None
        yr = g.get("yr") or g.get("yr3") or g.get("year") or g.get("year2")
        dct = ctx.dct
        letter = "Q" if qt == "quarter" else "H"
        if qn:
            n = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}[qn.lower()]
        else:
            n = None
        if yr:
            yl = yr.lower()
            if yl[:4].isdigit():
                y = int(yl[:4])
            elif dct is None:
                y = None
            else:
                y = dct.year + (-1 if yl.startswith("last") else 1 if yl.startswith("next") else 0)
        else:
            y = dct.year if dct else None
        if y is None:
            return "DATE", f"XXXX-{letter}{n or 'X'}", None
        if n is None:
            if dct is None:
                return None
            cur = (dct.month - 1) // 3 + 1 if letter == "Q" else (dct.month - 1) // 6 + 1
            span = 4 if letter == "Q" else 2
            if rel in ("current", "this", "same"):
                k = 0
            elif rel == "next":
                k = 1
            else:
                k = -1
            idx = (y * span + cur - 1) + k
            if rel in ("year-ago", "year-earlier", "prior-year", "year-before", "comparable"):
                idx -= span
            y, n = divmod(idx, span)
            n += 1
            return "DATE", f"{y}-{letter}{n}", None
        if not yr and dct is not None:
            cur = (dct.month - 1) // 3 + 1 if letter == "Q" else (dct.month - 1) // 6 + 1
            if n > cur and ctx.direction(m.start()) < 0:
                y -= 1
            if rel in ("year-ago", "year-earlier", "prior-year", "year-before", "last"):
                y -= 1 if rel != "last" else 0
        return "DATE", f"{y}-{letter}{n}", None

    def h_season(self, m, ctx: Ctx):
        g = m.groupdict()
        s = g["season"].lower()
        rel = (g.get("rel") or "").lower()
        yr = g.get("year") or g.get("year2")
        if not (rel or yr or g.get("pos") or g.get("the")):
            return None
        if s == "fall" and not yr:
            after = ctx.text[m.end() : m.end() + 4].lower()
            if after.startswith(" of") or not (rel or g.get("the") or g.get("pos")):
                return None
        code = self.seasons[s]
        mod = self.posmod(g.get("pos"))
        if yr:
            y = self.year_value(yr)
            return ("DATE", f"{y}-{code}", mod) if y else None
        if ctx.dct is None:
            return "DATE", f"XXXX-{code}", mod
        y = ctx.dct.year
        start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        if rel in ("last", "past"):
            y -= 1 if start_month >= ctx.dct.month else 0
        elif rel in ("next", "coming"):
            y += 1 if start_month <= ctx.dct.month else 0
        elif not rel:
            d = ctx.direction(m.start("season"))
            if d < 0 and start_month > ctx.dct.month:
                y -= 1
        return "DATE", f"{y}-{code}", mod

    def h_relday(self, m, ctx: Ctx):
        g = m.groupdict()
        w = re.sub(r"\s+", " ", g["w"].lower())
        pod = (g.get("pod") or "").lower()
        if w in ("this", "last") and not pod:
            return None
        if w == "this":
            off = 0
        elif w == "last":
            off = -1 if pod in ("night", "evening") else 0
            if pod in ("morning", "afternoon"):
                return None
        else:
            off = {
                "today": 0,
                "tonight": 0,
                "yesterday": -1,
                "tomorrow": 1,
                "the day before yesterday": -2,
                "the day after tomorrow": 2,
            }[w]
        if ctx.dct is None:
            return ("DATE", "PRESENT_REF", None) if w == "today" else ("DATE", "XXXX-XX-XX", None)
        d = (ctx.dct + timedelta(days=off)).isoformat()
        if pod and w != "tonight":
            code = self.pods.get(pod or "night", "NI")
            return "TIME", f"{d}T{code}", None
        return "DATE", d, None

    def h_relunit(self, m, ctx: Ctx):
        g = m.groupdict()
        if "rel" not in g or g.get("rel") is None:  # "the weekend": the one just past unless future
            if ctx.dct is None:
                return "DATE", "XXXX-WXX-WE", None
            wd = ctx.dct.isoweekday()
            if wd < 6 and ctx.direction(m.start()) <= 0:
                return "DATE", N.fmt_week(ctx.dct - timedelta(days=wd)) + "-WE", None
            return "DATE", N.fmt_week(ctx.dct) + "-WE", None
        if g["unit"][0].isupper() and not _sentence_start(ctx.text, m.start()):
            return None  # ABC's "This Week": a title, not a week
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        unit = g["unit"].lower()
        pos = (g.get("pos") or "").lower()
        mod = {"earlier": "START", "later": "END"}.get(pos) or self.posmod(pos)
        base = rel.replace("the ", "")
        if unit in ("day", "week", "month", "year") and (
            base in ("following", "previous") or (rel == "the next" and unit == "day")
        ):
            # "the following year", "the next day": relative to the last date mentioned
            return "DATE", f"ANAPHOR:{unit}:{-1 if base == 'previous' else 1}", mod
        if rel.startswith("the ") and base in ("past", "last", "next", "coming") and unit != "weekend":
            letter, tp, mult = self.unit(unit)
            return "DURATION", N.duration_value(mult, letter, tp), None
        if base == "same":
            return None
        if unit == "day":
            if base in ("this", "current"):
                return None
            off = 1 if base in ("next", "following", "coming") else -1
            if ctx.dct is None:
                return "DATE", "XXXX-XX-XX", mod
            return "DATE", (ctx.dct + timedelta(days=off)).isoformat(), mod
        off = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}[
            base
        ]
        if ctx.dct is None:
            return (
                "DATE",
                {
                    "week": "XXXX-WXX",
                    "weekend": "XXXX-WXX-WE",
                    "month": "XXXX-XX",
                    "year": "XXXX",
                    "quarter": "XXXX-QX",
                }.get(unit, "XXXX"),
                mod,
            )
        if unit == "weekend":
            return "DATE", N.fmt_week(ctx.dct + timedelta(weeks=off)) + "-WE", mod
        letter = {"week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q"}[unit]
        return "DATE", N.shift(ctx.dct, letter, off), mod

    def h_anaphor(self, m, ctx: Ctx):
        """ "that year", "later that day": the last date mentioned before, resolved in ``extract``."""
        g = m.groupdict()
        pos = (g.get("pos") or "").lower()
        mod = {"earlier": "START", "early": "START", "later": "END", "late": "END"}.get(pos)
        unit = (g.get("unit") or "day").lower()
        off = 1 if m.groupdict().get("next") else 0
        return "DATE", f"ANAPHOR:{unit}:{off}", mod

    def h_fiscalyear(self, m, ctx: Ctx):
        if " current " in m.group(0).lower() or " latest " in m.group(0).lower():
            return "DATE", str(ctx.dct.year) if ctx.dct else "XXXX", None
        return "DURATION", "P1Y", None

    def h_theyear(self, m, ctx: Ctx):
        """ "the year ended June 30" is a year's span (a fiscal year); otherwise
        ("for the year", "earlier in the year") the current year."""
        after = ctx.text[m.end() : m.end() + 8].lower()
        if not m.group("full") and re.match(r"\s+end(ed|ing)\b", after):
            return "DURATION", "P1Y", None
        return "DATE", str(ctx.dct.year) if ctx.dct else "XXXX", None

    def h_weekday(self, m, ctx: Ctx):
        g = m.groupdict()
        wd = g["wd"]
        if not self.cap(wd):
            return None
        n = self.weekdays[wd.lower()]
        rel = (g.get("rel") or "").lower()
        if g.get("pl"):
            if rel:
                return None
            return "SET", f"XXXX-WXX-{n}", None
        mod = {"early": "START", "late": "END"}.get(rel)
        pod = (g.get("pod") or "").lower()
        if ctx.dct is None:
            return "DATE", f"XXXX-WXX-{n}", mod
        if pod:
            rel_d = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel)
            base = ctx.dct + timedelta(days=rel_d or 0)
            dd = N.weekday_date(base, n, rel_d or ctx.direction(m.start("wd"), 1) or -1)
            return "DATE", dd.isoformat(), mod  # TimeBank mostly gives "Friday night" the day
        if rel in ("last", "past", "previous"):
            d = N.weekday_date(ctx.dct - timedelta(days=1), n, -1)
        elif rel in ("next", "coming"):
            d = N.weekday_date(ctx.dct + timedelta(days=1), n, +1)
        elif rel == "this":
            d = N.weekday_date(ctx.dct, n, 0)
        else:
            d = N.weekday_date(ctx.dct, n, ctx.direction(m.start("wd"), 1) or -1)
        return "DATE", d.isoformat(), mod

    def h_ago(self, m, ctx: Ctx):
        g = m.groupdict()
        n = self.num(g.get("num")) if g.get("num") else "X"
        if n is None:
            return None
        letter, tp, mult = self.unit(g["unit"])
        d = g["dir"].lower()
        sign = -1 if d in ("ago", "earlier", "previously", "back", "before") else 1
        mod = self.mods.get(re.sub(r"\s+", " ", (g.get("mod") or "").lower()))
        if ctx.dct is None or n == "X":
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
        k = int(round(n * mult))
        if letter == "Y" and k == 1 and sign < 0 and self.quarter_context(m, ctx):
            return "DATE", self.last_quarter_year_ago(m, ctx), mod
        if tp:
            return "DATE", ctx.dct.isoformat(), mod
        return "DATE", N.shift(ctx.dct, letter, sign * k), mod

    def h_duration(self, m, ctx: Ctx):
        g = m.groupdict()
        raw = (g.get("num") or "").lower()
        n = self.num(g.get("num"))
        if n is None:
            return None
        if g["unit"][0].isupper():
            return None  # CBS's "60 Minutes": a title, not a duration
        unit = g["unit"].lower()
        the = (g.get("the") or "").lower()
        if raw in ("a", "an", "one") and unit == "second":
            return None
        if re.fullmatch(r"(1[5-9]|20)\d\d", raw):  # "the 1988 second quarter": a year, not 1988 seconds
            return None
        if raw in ("a", "an") and the:
            return None
        if unit.startswith("quarter") and ctx.text[m.end() : m.end() + 4].lower() == " of ":
            return None
        if raw == "some" and not g.get("mod"):
            # "some days" is vague; keep it but underspecified
            n = "X"
        letter, tp, mult = self.unit(unit)
        if n != "X":
            n = n * mult
            if isinstance(n, float) and n.is_integer():
                n = int(n)
        rawmod = re.sub(r"\s+", " ", (g.get("mod") or "").lower())
        mod = self.mods.get(rawmod)
        if mod in ("AFTER", "BEFORE"):
            return None
        value = N.duration_value(n, letter, tp)
        if rawmod in ("over", "under", "some") and the:
            # "over the past two years": a preposition, not a modifier
            return "DURATION", value, None, m.start("the"), m.end()
        return "DURATION", value, mod

    def h_bareunit(self, m, ctx: Ctx):
        g = m.groupdict()
        pre = re.sub(r"\s+", " ", g["pre"].lower())
        if pre == "recent" and g["unit"].lower() == "years":
            return None  # "recent years" is a PAST_REF, matched by the ref rule
        letter, tp, _ = self.unit(g["unit"])
        value = N.duration_value("X", letter, tp)
        if pre.startswith("the ") or pre in ("recent", "coming"):
            return "DURATION", value, None  # extent keeps "the coming"
        return ("DURATION", value, None, m.start("unit"), m.end("unit"))

    def h_set(self, m, ctx: Ctx):
        g = m.groupdict()
        if g.get("adv"):
            if ctx.is_person(m.start("adv")):  # "the Daily Mail", "New York Daily News"
                return None
            return "SET", self.sets[g["adv"].lower()], None
        every = g["every"].lower()
        k = self.num(g.get("num")) if g.get("num") else 1
        if k is None or k == "X":
            k = 1
        if g.get("other"):
            k = 2
        if g.get("wd"):
            if not self.cap(g["wd"]):
                return None
            return "SET", f"XXXX-WXX-{self.weekdays[g['wd'].lower()]}", None
        if g.get("mon"):
            if not self.cap(g["mon"]):
                return None
            return "SET", f"XXXX-{self.month_no(g['mon']):02d}", None
        if g.get("pod"):
            return "SET", f"XXXX-XX-XXT{self.pods[g['pod'].lower()]}", None
        if every == "per" and g.get("num"):
            return None
        letter, tp, mult = self.unit(g["unit"])
        return "SET", N.duration_value(int(k * mult), letter, tp), None

    def h_setfreq(self, m, ctx: Ctx):
        g = m.groupdict()
        letter, tp, mult = self.unit(g["unit1"])
        return ("SET", N.duration_value(mult, letter, tp), None, m.start("a"), m.end())

    def h_time(self, m, ctx: Ctx):
        g = m.groupdict()
        mod = self.mods.get(re.sub(r"\s+", " ", (g.get("mod") or "").lower()))
        if g.get("w"):
            hh, mi = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[g["w"].lower()]
        else:
            hh = int(g["h"])
            mi = int(g["mi"]) if g.get("mi") else 0
            ap = (g.get("ap") or "").lower().replace(".", "")
            if "ap" in g and g.get("ap") is None and not g.get("tz"):
                # bare 24-hour clock: only after "at" or with a zone
                before = ctx.text[max(0, m.start() - 4) : m.start()].lower()
                if not before.endswith("at ") and not g.get("mod"):
                    return None
            if ap == "pm" and hh < 12:
                hh += 12
            elif ap == "am" and hh == 12:
                hh = 0
            if hh > 24 or (ap in ("am", "pm") and int(g["h"]) > 12):
                return None
        day = (g.get("day") or "").lower()
        if ctx.dct is None:
            ds = "XXXX-XX-XX"
        elif g.get("mon"):
            if not self.cap(g["mon"]):
                return None
            r = self.h_date_parts(ctx, self.month_no(g["mon"]), int(g["mday"]), m.start("mon"))
            if r is None:
                return None
            ds = r
        elif g.get("wd"):
            if not self.cap(g["wd"]):
                return None
            ds = N.weekday_date(
                ctx.dct, self.weekdays[g["wd"].lower()], ctx.direction(m.start("wd"), 1) or -1
            ).isoformat()
        else:
            off = {"yesterday": -1, "tomorrow": 1}.get(day, 0)
            ds = (ctx.dct + timedelta(days=off)).isoformat()
        return "TIME", f"{ds}T{hh:02d}:{mi:02d}", mod

    def quarter_context(self, m, ctx: Ctx) -> bool:
        """Financial reporting: "a year ago" next to "the third quarter" means that quarter a year before."""
        return "quarter" in ctx.text.lower()

    def last_quarter_year_ago(self, m, ctx: Ctx) -> str:
        cur = (ctx.dct.month - 1) // 3
        idx = ctx.dct.year * 4 + cur - 1 - 4
        return f"{idx // 4}-Q{idx % 4 + 1}"

    def h_yearago(self, m, ctx: Ctx):
        if ctx.dct is None:
            return "DATE", "XXXX", None
        if self.quarter_context(m, ctx):
            return "DATE", self.last_quarter_year_ago(m, ctx), None
        return "DATE", str(ctx.dct.year - 1), None

    def h_spokenyear(self, m, ctx: Ctx):
        g = m.groupdict()
        if "c" in g and g.get("c"):
            t = self.num(g["t"])
            if t is None or t < 10:
                return None
            return "DATE", f"{(19 if g['c'].lower() == 'nineteen' else 20) * 100 + t}", None
        o = self.num(g.get("o")) if g.get("o") else 0
        return "DATE", f"{2000 + o}", None

    def h_ref(self, m, ctx: Ctx):
        r = re.sub(r"\s+", " ", m.group("ref").lower())
        return "DATE", self.refs[r], None

    def h_holiday(self, m, ctx: Ctx):
        h = re.sub(r"\s+", " ", m.group("hol").lower())
        if not self.cap(m.group("hol")):
            return None
        if h.startswith("election") and not m.group("hol").split()[-1][0].isupper():
            return None  # "Election day" in a title is fine, "election day" is generic
        if ctx.dct is None:
            return "DATE", "XXXX-" + self.holidays.get(h, "11-XX"), None  # Thanksgiving, Election Day: November
        best = None
        for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
            if h.startswith("thanksgiving"):  # fourth Thursday of November
                nov1 = date(y, 11, 1)
                d = nov1 + timedelta(days=(3 - nov1.weekday()) % 7 + 21)
            elif h.startswith("election"):  # US: the Tuesday after the first Monday of November
                nov1 = date(y, 11, 1)
                d = nov1 + timedelta(days=(0 - nov1.weekday()) % 7 + 1)
            else:
                d = date(y, *map(int, self.holidays[h].split("-")))
            if best is None or abs((d - ctx.dct).days) < abs((best - ctx.dct).days):
                best = d
        return "DATE", best.isoformat(), None


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"'`“‘(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:"


@functools.lru_cache(maxsize=1)
def grammar() -> Grammar:
    return Grammar()


def find_all(ctx: Ctx) -> list[Found]:
    """Every pattern over the text; overlapping matches resolved longest-first."""
    g = grammar()
    cands: list[Found] = []
    text = ctx.text
    windows: list[list[int]] = []
    margin = 48  # longest prefix/suffix around a trigger word ("the better part of the past ...")
    for t in g.trigger.finditer(text):
        a, b = max(0, t.start() - margin), min(len(text), t.end() + margin)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    for name, rx, handler, prio in g.patterns:
        for a, b in windows:
            for m in rx.finditer(text, a, b):
                r = handler(m, ctx)
                if r is None:
                    continue
                if len(r) == 5:
                    typ, value, mod, s, e = r
                else:
                    (typ, value, mod), s, e = r, m.start(), m.end()
                # trailing punctuation a pattern swallowed (abbreviation dots at sentence end stay)
                while e > s and text[e - 1] in " ,;":
                    e -= 1
                cands.append(Found(s, e, typ, value, mod, name, prio))
    cands.sort(key=lambda f: (-(f.end - f.start), -f.priority, f.start))
    taken: list[Found] = []
    occupied = bytearray(len(text) + 1)
    for f in cands:
        if any(occupied[f.start : f.end]):
            continue
        occupied[f.start : f.end] = b"\x01" * (f.end - f.start)
        taken.append(f)
    taken.sort(key=lambda f: f.start)
    return taken
