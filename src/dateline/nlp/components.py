"""Our spaCy pipeline components, registered in one place."""

from __future__ import annotations

from spacy.language import Language


@Language.component("dateline_paragraphs", assigns=["token.is_sent_start"])
def paragraph_breaks(doc):
    """A blank line ends a sentence: titles and leads carry no final full stop,
    and the parser would otherwise run them into the body."""
    for i, tok in enumerate(doc[:-1]):
        if "\n\n" in tok.text_with_ws and not tok.is_space or (tok.is_space and "\n\n" in tok.text):
            doc[i + 1].is_sent_start = True
    return doc
