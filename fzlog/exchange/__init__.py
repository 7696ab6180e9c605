"""Exchanging ledgers with spreadsheets: reading .xlsx/.csv 台账 (``tabular``), turning their rows
into records (``importer``), and writing records out as .xlsx/.csv/.jsonl (``exporter``). The
column vocabulary both directions share lives in ``columns``, so an export always imports back."""
