"""Operators that replace detected spans."""
