"""Long-running processes give freed memory back (storyline.memory)."""

from __future__ import annotations

import ctypes.util
import sys

import pytest

from storyline import memory


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not ctypes.util.find_library("c"), reason="glibc only"
)
def test_release_returns_freed_heap_pages_to_the_system() -> None:
    assert memory._libc() is not None
    blocks = [bytearray(64 * 1024) for _ in range(2000)]  # 128 MB of malloc'd buffers
    del blocks[::2]
    memory.release()  # never fails; True when pages were given back
    assert memory.limit_arenas(2)


def test_periodic_release_stops_when_asked() -> None:
    stop = memory.release_periodically(every=0.01)
    assert not stop.is_set()
    stop.set()


def test_release_is_a_no_op_without_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "_libc", lambda: None)
    assert memory.release() is False
    assert memory.limit_arenas() is False
