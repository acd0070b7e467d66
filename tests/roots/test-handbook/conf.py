# A small handbook for the Sphinx-level tests (tests/sphinx); the shared settings are in
# tests/root_conf.py, the municipality data comes in through confoverrides.
from root_conf import *  # noqa: F403
