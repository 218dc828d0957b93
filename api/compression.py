"""Compression of the API's public responses: Brotli or gzip, whichever the client
prefers of those it accepts (``Accept-Encoding``).

The response cache keeps each encoding it has made beside the response, so that a hit
sends bytes compressed once. Only public responses are compressed: they hold nothing
secret, which compressing beside text a client chose would give away (BREACH).
"""

import gzip

import brotli

# Brotli's quality 5 compresses about as well as gzip's best, several times faster than
# its own best: a response is compressed as it is first built, while a client waits.
COMPRESSORS = {
    "br": lambda content: brotli.compress(content, quality=5),
    "gzip": lambda content: gzip.compress(content, compresslevel=6, mtime=0),
}
# Bodies smaller than this gain less than the header costs.
MIN_SIZE = 200


def chosen_encoding(request, content):
    """``br`` or ``gzip``, whichever has the higher weight in the request's
    Accept-Encoding (``br`` on a tie), or None for the bytes as they are."""
    if len(content) < MIN_SIZE:
        return None
    weights = accepted_weights(request.headers.get("Accept-Encoding", ""))
    chosen, best = None, 0.0
    for encoding in COMPRESSORS:
        weight = weights.get(encoding, weights.get("*", 0.0))
        if weight > best:
            chosen, best = encoding, weight
    return chosen


def accepted_weights(header):
    """The weight (``q``) of each encoding an Accept-Encoding header names."""
    weights = {}
    for part in header.split(","):
        encoding, *parameters = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    weight = 0.0
        if encoding:
            weights[encoding.lower()] = weight
    return weights


def compress(content, encoding):
    return COMPRESSORS[encoding](content)
