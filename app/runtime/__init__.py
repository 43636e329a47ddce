"""The runtime: where and when sessions run, below the services and above the engine.

- `execution`: claims and leases in the database, the in-process scheduler, the Redis queue
  (taskiq) and its workers' chores, recovery after a stop.
- `event_loop`: the backend's event loop, reachable from the threads that serve the API.

Services call the runtime; the runtime never imports a service. What running a session needs
from them (building its plan, recording how it ended, settling its run) is handed over once by
the services themselves (`execution.serve`, `execution.settle_with`).
"""
