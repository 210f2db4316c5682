"""Exports (JSON, JSONL, CSV, Parquet) and the single-file HTML report."""
