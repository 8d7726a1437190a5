"""Developer tools shared by tests and benchmarks (not used by the pipeline itself)."""
