"""The first-start wizard: choose the role, then that role's setup page."""
