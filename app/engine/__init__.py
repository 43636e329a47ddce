"""Running a session: persona simulator, judge, runner, event bus and target adapters.
Knows no Reflex, no FastAPI, and no database session beyond what services hand it."""
