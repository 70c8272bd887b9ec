"""Near-duplicate articles (wire copies, updated versions) and quotes carried by many.

**Articles.** Each article's clean text becomes a MinHash signature (datasketch) of its
word 5-gram shingles. The signature is cut into the LSH bands datasketch's
``MinHashLSH`` chooses for :data:`THRESHOLD`, and each band's hash is stored in
``article_bands``, so the candidates of a new article are one indexed lookup in SQLite
— no index to rebuild in memory, however large the ledger. A candidate whose estimated
Jaccard similarity reaches :data:`THRESHOLD` makes the new article a duplicate of the
candidate's original (``duplicates.duplicate_of``): it is linked, kept (its spans stay
true) and left out of counts that read ``distinct_articles``.

**Quotes.** A direct or mixed quote of at least ``LinkSettings.min_quote_words`` words is keyed by
its words, case-folded; quotes with one key form one group in ``quote_sources`` (the
first stored quote's id), so "the same quote carried by five outlets" is one group of
five rows, each row still pointing at its own article and span.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from functools import lru_cache

from typing import TYPE_CHECKING

from newsledger.link.names import fold
from newsledger.settings import LinkSettings
from newsledger.store import Ledger

if TYPE_CHECKING:
    import numpy as np
    from datasketch import MinHash

# datasketch (through scipy) and numpy cost ~0.6 s to import: they are imported by the
# functions that hash, so reading a ledger (every CLI read command, the web app) does
# not pay for them (issue 18: start in under 0.5 s).

log = logging.getLogger(__name__)

# THRESHOLD, NUM_PERM, SHINGLE and SCHEME are not settings (LinkSettings): they are the
# format of the signatures and LSH bands a ledger stores (``article_signatures``,
# ``article_bands``), so a ledger linked with other values could not be read or extended.

#: Estimated Jaccard similarity of 5-gram shingles from which two articles are one.
#: Wire copies and re-published versions of one text share most shingles; two
#: outlets' own reports of one event share few (< 0.2 on PolNeAR, docs/ledger.md).
THRESHOLD = 0.5
NUM_PERM = 128
SHINGLE = 5
#: datasketch's hashing scheme, named so stored signatures rebuild the same way.
SCHEME = "affine32"


@lru_cache(maxsize=1)
def _bands() -> tuple[tuple[int, int], ...]:
    """The (start, end) hash ranges of the LSH bands for :data:`THRESHOLD`."""
    from datasketch import MinHashLSH

    return tuple(MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM).hashranges)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Word ``size``-grams of the folded text: ``"A b c d e f"`` -> {b"a b c d e", b"b c d e f"}."""
    words = re.findall(r"\w+", fold(text))
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(found: set[bytes]) -> MinHash:
    """The MinHash of a text's shingles (:func:`shingles`)."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(found)
    return minhash


def _from_blob(blob: bytes) -> MinHash:
    import numpy as np
    from datasketch import MinHash

    values = np.frombuffer(blob, dtype=_dtype())
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME)


@lru_cache(maxsize=1)
def _dtype() -> np.dtype:
    import numpy as np
    from datasketch import MinHash

    return np.asarray(MinHash(num_perm=NUM_PERM, scheme=SCHEME).hashvalues).dtype


def band_hashes(minhash: MinHash) -> list[tuple[int, str]]:
    """(band number, hash of the band's values) for each LSH band."""
    import numpy as np

    values = np.asarray(minhash.hashvalues)
    return [
        (band, hashlib.sha1(values[start:end].tobytes()).hexdigest()[:16])
        for band, (start, end) in enumerate(_bands())
    ]


def link_article(ledger: Ledger, article_id: str, text: str) -> tuple[str, float] | None:
    """Store the article's signature and, if it near-duplicates a stored article,
    link it to that article's original; returns ``(original id, similarity)`` or None.
    An article without words has no signature (all empty texts would match)."""
    import numpy as np

    found = shingles(text)
    if not found:
        return None
    minhash = signature(found)
    bands = band_hashes(minhash)
    best = _best_candidate(ledger, article_id, minhash, bands)
    ledger.execute("INSERT OR REPLACE INTO article_signatures VALUES (?, ?)",
                   (article_id, np.asarray(minhash.hashvalues).tobytes()))
    ledger.executemany("INSERT OR IGNORE INTO article_bands VALUES (?, ?, ?)",
                       [(band, value, article_id) for band, value in bands])
    if best is None:
        return None
    row = ledger.execute("SELECT duplicate_of FROM duplicates WHERE article_id = ?", (best[0],))
    found = row.fetchone()
    original = found[0] if found else best[0]
    ledger.execute("INSERT OR REPLACE INTO duplicates VALUES (?, ?, ?)", (article_id, original, best[1]))
    return original, best[1]


def _best_candidate(
    ledger: Ledger, article_id: str, minhash: MinHash, bands: Sequence[tuple[int, str]]
) -> tuple[str, float] | None:
    clause = " OR ".join("(band = ? AND hash = ?)" for _ in bands)
    params = [p for pair in bands for p in pair]
    rows = ledger.execute(
        "SELECT s.article_id, s.minhash FROM article_signatures s WHERE s.article_id IN "
        f"(SELECT article_id FROM article_bands WHERE {clause}) AND s.article_id != ?",
        (*params, article_id),
    ).fetchall()
    scored = [(other, minhash.jaccard(_from_blob(blob))) for other, blob in rows]
    scored = [(other, round(score, 3)) for other, score in scored if score >= THRESHOLD]
    return max(scored, key=lambda s: s[1], default=None)


def quote_key(text: str, min_words: int = LinkSettings.min_quote_words) -> str | None:
    """The words of a quote, folded, as a short hash; None when shorter than
    ``min_words`` (``LinkSettings.min_quote_words``), too short to match."""
    words = re.findall(r"\w+", fold(text))
    if len(words) < min_words:
        return None
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()[:20]


def link_quotes(ledger: Ledger, article_id: str, min_words: int = LinkSettings.min_quote_words) -> int:
    """Group the article's direct and mixed quotes of at least ``min_words`` words
    (``LinkSettings.min_quote_words``) with identical stored ones; returns how many
    joined an existing group."""
    rows = ledger.execute(
        "SELECT id, text FROM quotes WHERE article_id = ? AND kind != 'indirect' ORDER BY rowid",
        (article_id,),
    ).fetchall()
    joined = 0
    for quote_id, text in rows:
        key = quote_key(text, min_words)
        if key is None:
            continue
        found = ledger.execute(
            "SELECT group_id FROM quote_sources WHERE key = ? LIMIT 1", (key,)
        ).fetchone()
        joined += found is not None
        group = found[0] if found else quote_id
        ledger.execute("INSERT OR REPLACE INTO quote_sources VALUES (?, ?, ?)", (quote_id, group, key))
    return joined


def duplicate_pairs(ledger: Ledger) -> list[tuple[str, str, float]]:
    """Every (article, original, similarity) link, most similar first."""
    rows = ledger.execute(
        "SELECT article_id, duplicate_of, similarity FROM duplicates ORDER BY similarity DESC"
    )
    return [tuple(row) for row in rows]
