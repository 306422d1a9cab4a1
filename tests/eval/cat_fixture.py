"""Small CAT XML documents written for these tests (fictional reports, not corpus text).

Each document is a list of tokenized sentences (sentence 0 is the title), a creation
time, and entity mentions: (sentence, first token, last token inclusive, instance,
class, head, syntactic type), written out as NewsReader CAT XML.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

ACME_OPENS = {
    "doc_id": "101",
    "dct": "2010-03-03",
    "sentences": [
        "Acme Corp opens factory in Springfield",
        "March 3 , 2010",
        "Acme Corp opened a new factory in Springfield on Monday .",
        "The company said it would hire 200 workers .",
        'Jane Smith , the founder of Acme Corp , called the plant " a new start " .',
    ],
    "mentions": [
        (0, 0, 1, "ORG_ACME", "ORG", "", "NAM"),
        (0, 5, 5, "LOC_SPRINGFIELD", "LOC", "", "NAM"),
        (2, 0, 1, "ORG_ACME", "ORG", "", "NAM"),
        (2, 7, 7, "LOC_SPRINGFIELD", "LOC", "", "NAM"),
        (3, 0, 1, "ORG_ACME", "ORG", "company", "NOM"),
        (3, 3, 3, "ORG_ACME", "ORG", "", "PRO"),
        (4, 0, 1, "PER_SMITH", "PER", "", "NAM"),
        (4, 3, 7, "PER_SMITH", "PER", "founder", "NOM"),
        (4, 6, 7, "ORG_ACME", "ORG", "", "NAM"),
    ],
}

SMITH_RETIRES = {
    "doc_id": "102",
    "dct": "2012-06-01",
    "sentences": [
        "Acme Corp founder Jane Smith retires",
        "June 1 , 2012",
        "Jane Smith , who founded Acme Corp in 1990 , retired on Friday .",
        "She will stay on the board of Acme Corp .",
    ],
    "mentions": [
        (0, 0, 1, "ORG_ACME", "ORG", "", "NAM"),
        (0, 3, 4, "PER_SMITH", "PER", "", "NAM"),
        (2, 0, 1, "PER_SMITH", "PER", "", "NAM"),
        (2, 5, 6, "ORG_ACME", "ORG", "", "NAM"),
        (3, 0, 0, "PER_SMITH", "PER", "", "PRO"),
        (3, 4, 8, "ORG_BOARD", "ORG", "board", "NOM"),
        (3, 7, 8, "ORG_ACME", "ORG", "", "NAM"),
    ],
}

DOCS = (ACME_OPENS, SMITH_RETIRES)

# A gold timeline of Acme Corp over the two documents (sentence numbers as CAT counts them).
ACME_TIMELINE = "".join(
    line + "\n"
    for line in (
        "Acme Corp",
        "0\tXXXX-XX-XX\t101-3-hire",
        "1\t1990\t102-2-founded",
        "2\t2010-03-01\t101-2-opened",
        "3\t2010-03-03\t101-3-said",
    )
)
NOBODY_TIMELINE = "Nobody Atall\n1\t2012-05-28\t102-2-retired\n"


def cat_xml(spec: dict) -> str:
    tid = 0
    tokens, first = [], {}
    for s, sent in enumerate(spec["sentences"]):
        for n, word in enumerate(sent.split(" ")):
            tid += 1
            first[(s, n)] = tid
            tokens.append(f'<token t_id="{tid}" sentence="{s}" number="{tid - 1}">{_esc(word)}</token>')
    dct_tokens = "".join(f'<token_anchor t_id="{first[(1, n)]}"/>' for n in range(len(spec["sentences"][1].split())))
    marks = [
        f'<TIMEX3 m_id="900" functionInDocument="CREATION_TIME" type="DATE" value="{spec["dct"]}">{dct_tokens}</TIMEX3>'
    ]
    refers: dict[str, list[int]] = {}
    instances: dict[str, str] = {}
    for k, (s, a, b, inst, cls, head, syn) in enumerate(spec["mentions"], start=1):
        anchors = "".join(f'<token_anchor t_id="{first[(s, n)]}"/>' for n in range(a, b + 1))
        marks.append(
            f'<ENTITY_MENTION m_id="{k}" head={quoteattr(head)} syntactic_type="{syn}">{anchors}</ENTITY_MENTION>'
        )
        refers.setdefault(inst, []).append(k)
        instances[inst] = cls
    rels = []
    for j, (inst, cls) in enumerate(sorted(instances.items()), start=500):
        marks.append(f'<ENTITY m_id="{j}" ent_type="{cls}" instance_id="{inst}" TAG_DESCRIPTOR="{inst}"/>')
        sources = "".join(f'<source m_id="{k}"/>' for k in refers[inst])
        rels.append(f'<REFERS_TO r_id="{j}">{sources}<target m_id="{j}"/></REFERS_TO>')
    body = "\n".join(tokens)
    return (
        f'<?xml version="1.0" ?><Document doc_id="{spec["doc_id"]}" doc_name="{spec["doc_id"]}_test">\n{body}\n'
        f"<Markables>{''.join(marks)}</Markables><Relations>{''.join(rels)}</Relations></Document>\n"
    )


def _esc(word: str) -> str:
    return word.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for spec in DOCS:
        (folder / f"{spec['doc_id']}_test.xml").write_text(cat_xml(spec), encoding="utf-8")
    return folder


def write_timelines(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "acme_corp.txt").write_text(ACME_TIMELINE, encoding="utf-8")
    (folder / "nobody.txt").write_text(NOBODY_TIMELINE, encoding="utf-8")
    return folder
