# A handbook with dead links, for the dead-link warnings (tests/sphinx); the shared settings
# are in tests/root_conf.py, the municipality data comes in through confoverrides.
from root_conf import *  # noqa: F403
