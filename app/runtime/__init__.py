"""The runtime: where and when sessions run, below the services and above the engine.

- `execution`: claims and leases in the database, the in-process scheduler, the Redis queue
  (taskiq) and its workers' chores, recovery after a stop.
- `background`: tasks a service starts on the loop and does not wait for (a re-judge).
- `lifecycle`: start-up and shut-down, running a process's chores (the lists of chores are
  named in app/services/lifecycle.py).

Nothing is handed from a thread to the event loop: an action that needs both (starting a
session) is an async entry point of its service, which runs its unit of work in a worker
thread (app/services/units.py) and then its loop work on the loop it runs on.

Services call the runtime; the runtime never imports a service. What running a session needs
from them (building its plan, recording how it ended, settling its run) is handed over once by
the services themselves (`execution.serve`, `execution.settle_with`).
"""
