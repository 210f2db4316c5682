"""Executors that run the per-article pipeline over a stream of documents."""
