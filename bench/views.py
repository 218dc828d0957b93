"""The `bare` reference: Django at its fastest, for the benchmark's ratios."""

import json
import os

from django.http import HttpResponse

# A fixed JSON body as long as the review detail the benchmark fetches.
BODY = json.dumps({"padding": "x" * max(0, int(os.environ.get("BENCH_BARE_BYTES", "0")) - 15)})


def bare(request):
    return HttpResponse(BODY, content_type="application/json")
