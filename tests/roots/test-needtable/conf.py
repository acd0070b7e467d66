# A hand-written page with sphinx-needs' needtable over the handbook's needs (the example of
# docs/sphinx-needs.md); the shared settings are in tests/root_conf.py.
from root_conf import *  # noqa: F403
