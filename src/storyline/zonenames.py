"""Zone names that news text prints and whose offset depends on the date (summer time): the
unmarked "ET", "CT", "MT", "PT" American newsrooms print, "UK", and "IST", which Indian outlets
print for India's time. Shared by the feed reader, which hands a date naming one on as stated,
and the cleaner (:mod:`storyline.clean.pubtime`), which reads the clock on its day.
"""

from __future__ import annotations

SEASONAL_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
                  "PT": "America/Los_Angeles", "UK": "Europe/London", "IST": "Asia/Kolkata"}
