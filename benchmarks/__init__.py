"""Benchmarks of cxdesk: ``python -m benchmarks`` (see docs/benchmarks.md).

Each case builds its own data with the sample-prefecture generator and the real export,
runs several times, and is compared with a reference measured in the same run (the bare
floor of the same work: openpyxl reading the same workbooks, the same SQL without cxdesk).
"""
