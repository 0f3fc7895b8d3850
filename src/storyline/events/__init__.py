"""Events: coding of who did what to whom (PLOVER type + mode, CAMEO code, status).

Entry point: :class:`EventCoder` (``events.lexicon.v1``), a verb/noun trigger lexicon with
arguments from the dependency parse. Later coders register under new version names.
"""

from storyline.events.coder import VERSION, EventCoder
from storyline.events.lexicon import plover_for

__all__ = ["VERSION", "EventCoder", "plover_for"]
