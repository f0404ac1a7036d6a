"""The roster: counselors and their certificates."""
