"""Counselling rooms."""
