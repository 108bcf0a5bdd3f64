"""Mergeable run statistics and reports."""
