"""Use cases of the core: one small function each, taking the caller's session."""
