"""Runners: local process pool (and Ray, optional)."""
