"""Zone names that news text prints and whose offset depends on the date (summer time): the
unmarked "ET", "CT", "MT", "PT" American newsrooms print, "UK", "IST", which Indian outlets
print for India's time, and "MSK", Moscow time as Russian outlets print it: +04:00 from March
2011 to October 2014 (TASS's and Interfax's stamps of those years), +03:00 since, and summer
time before. Shared by the feed reader (:mod:`storyline.ingest.feedtime`) and the cleaner
(:mod:`storyline.clean.pubtime`), which both read the clock on its day.
"""

from __future__ import annotations

SEASONAL_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
                  "PT": "America/Los_Angeles", "UK": "Europe/London", "IST": "Asia/Kolkata",
                  "MSK": "Europe/Moscow"}
