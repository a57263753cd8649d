"""``python -m coverage_planner``, and the entry point of the installed bundle."""

import multiprocessing
import sys

if __name__ == "__main__":
    # In the bundle a spawned worker process re-runs this executable: freeze_support
    # turns it into the worker instead of a second copy of the program.
    multiprocessing.freeze_support()
    from coverage_planner.cli import main

    sys.exit(main())
