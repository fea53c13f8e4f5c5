"""Every part of the exchange in the window: export, import with a preview, conflicts,
likely duplicates, offices and the exchange log.

Each dialog takes `(parent, catalogue)` and reaches the catalogue only through the
facade (`catalogue/`) and the exchange engine (`exchange/`); long work runs in a
worker thread (`ui/worker.py`). `install_exchange_actions()` (actions.py) adds them
all to a window in one call.
"""
