"""What the zip, tar and compressed-stream readers share about what they hold: the position a
member's name gives, and how a member or stream cut short ends.

A member's name is shown with its control characters escaped and cut at 1,000 characters
(:func:`shown_name`); the Nth member of a name an archive holds already is at ``member NAME,
copy N`` (:class:`Copies`). A tar member whose data ends before its declared size raises
:class:`MemberCut`, which a compressed stream read from it takes for its own cut. A member or
stream whose inner format says its records' length (:func:`self_delimited`: a WARC, a tar) ends
quietly at a cut instead, as its reader knows a record cut short.
"""

from __future__ import annotations

import hashlib

from storyline.ingest.limits import TAR_MAGIC, WARC_STARTS
from storyline.ingest.source import escape_controls


def shown_name(name: str) -> str:
    """A member name as positions show it: control characters escaped, at most 1,000 characters."""
    name = escape_controls(name)
    return name if len(name) <= 1000 else name[:1000] + "…"


class Copies:
    """How many members of one archive so far bear each name (by an 8-byte digest of it, so
    that a tar of millions of long names costs little memory). A zip or tar may hold several
    members of one name (``tar -r`` appends a newer copy; a zip writer may repeat a name): each
    is read, and from the second on the position says which copy it is (``member a.txt, copy
    2``), or one document would replace the other in the store, and back again on each run."""

    def __init__(self) -> None:
        self._seen: dict[bytes, int] = {}

    def position(self, name: str) -> str:
        """The member's position, its name as :func:`shown_name` shows it (a zip's names, like a
        tar's, may hold control characters or run to thousands of characters)."""
        name = shown_name(name)  # counted as shown, so that two names shown alike are two copies
        key = hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        count = self._seen[key] = self._seen.get(key, 0) + 1
        return f"member {name}" if count == 1 else f"member {name}, copy {count}"


class MemberCut(EOFError):
    """A tar member's data ends before the size its header declares: the archive is cut."""


# Inner formats read as a stream, record by record, each record capped by its reader, and whose
# records say their length, so that their reader knows a record cut short: a tar's members, a
# WARC's records (also named as their own gzip: "a.warc.gz" that xz compressed whole)
SELF_DELIMITED = (".tar", ".warc", ".wet", ".arc", ".warc.gz", ".wet.gz", ".arc.gz")


def self_delimited(head: bytes) -> bool:
    """Whether data opening with ``head`` is a WARC (or ARC) or a tar by its content: a format
    whose reader knows a record cut short (see ``SELF_DELIMITED``)."""
    return head.lstrip(b" \t\r\n").startswith(WARC_STARTS) or head[257:262] == TAR_MAGIC
