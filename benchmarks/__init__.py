"""Synthetic ownership graphs and the benchmark harness."""
