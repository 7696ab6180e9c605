"""The only package that touches the disk: the ledger's layout, its files, cache and evidence."""
