"""Readers and writers per format."""
