"""Benchmarks: scripts that print figures (STYLE.md habit 9). See bench/README.md."""
