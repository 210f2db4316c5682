"""Corpus stages: work that needs many articles at once (templates; later near-duplicates, stories)."""
