"""fzlog.store.fsio.read_bytes: whole regular files up to a limit, never a FIFO."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fzlog.store import fsio


@given(st.binary(max_size=3000))
def test_a_file_reads_whole(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("f") / "x.toml"
    path.write_bytes(data)
    assert fsio.read_bytes(path, 3000) == data


@pytest.mark.parametrize("size", [11, 12, 5000])
def test_over_the_limit_is_refused_with_the_size(tmp_path, size):
    path = tmp_path / "x.toml"
    path.write_bytes(b"a" * size)
    with pytest.raises(fsio.TooLarge) as exc:
        fsio.read_bytes(path, 10)
    assert exc.value.size == size


def test_exactly_the_limit_is_read(tmp_path):
    path = tmp_path / "x.toml"
    path.write_bytes(b"a" * 10)
    assert fsio.read_bytes(path, 10) == b"a" * 10


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    path = tmp_path / "x.toml"
    os.mkfifo(path)
    with pytest.raises(OSError):
        fsio.read_bytes(path, 10)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(OSError):
        fsio.read_bytes(tmp_path, 10)
