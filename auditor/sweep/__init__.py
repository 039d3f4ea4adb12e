"""Sweeps: many documents in parallel, with history, baselines and diffs."""
