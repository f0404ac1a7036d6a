"""Training events and attendance."""
