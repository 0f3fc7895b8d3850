"""Places: toponyms in the text resolved to GeoNames places.

Entry point: :class:`PlaceResolver`, built once (it holds the gazetteer, see
:mod:`storyline.places.gazetteer`). It needs a document's parsed paragraphs (spaCy GPE, LOC
and FAC entities) and its dateline, and produces one :class:`~storyline.records.PlaceMention`
per toponym: its Span and the place it names (GeoNames id, ISO-3 country, coordinates, feature
class), or a place with ``place_id`` None when the name is recognised but not in the gazetteer.
Demonyms (NORP: "Russian") are not places. Metonyms ("Moscow said") stay places: the actors
stage reads them as governments.
"""

from __future__ import annotations

from storyline.places.gazetteer import Gazetteer, load_gazetteer
from storyline.places.resolver import PlaceResolver

VERSION = "places.geonames.v1"

__all__ = ["VERSION", "Gazetteer", "PlaceResolver", "load_gazetteer"]
