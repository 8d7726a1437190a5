#!/usr/bin/env python3
"""Print the realset id of a URL: host (dots -> '-') + '_' + 8 hex of sha1(url). Standard library only."""
import hashlib
import re
import sys
from urllib.parse import urlsplit


def item_id(url: str) -> str:
    host = re.sub(r"^www\.", "", urlsplit(url.strip()).hostname or "nohost")
    slug = re.sub(r"[^a-z0-9]+", "-", host.lower()).strip("-")[:40]
    return f"{slug}_{hashlib.sha1(url.strip().encode()).hexdigest()[:8]}"


if __name__ == "__main__":
    for u in sys.argv[1:]:
        print(item_id(u))
