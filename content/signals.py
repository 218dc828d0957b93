from django.dispatch import Signal

# Sent when a command writes pages in bulk, which sends none of the per-object signals
# (save, publish) that caches listen to. ``sender`` is the page model, ``parent`` the page
# they went under, ``related_models`` the other models written in bulk with them.
pages_created_in_bulk = Signal()
