"""Realistic sample data: one school for a newcomer, a whole prefecture for the bureaus."""
