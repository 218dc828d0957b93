from django.dispatch import Signal

# Sent when a command writes pages in bulk, which sends none of the per-object signals
# (save, publish) that caches listen to. ``sender`` is the page model, ``parent`` the page
# they went under, ``related_models`` the other models written in bulk with them.
pages_created_in_bulk = Signal()

# Sent when load_demo has written the demo reviews, so that other apps can add their own
# demo content to them. ``reviews`` maps each demo review's slug to the page; ``report``
# takes (created, label) and prints a line of the command's report.
demo_content_loaded = Signal()
