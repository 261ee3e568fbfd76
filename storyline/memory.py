"""Give freed memory back to the system in long-running processes (``watch``, ``serve``).

Python's small objects live in its own arenas, which it unmaps when they
empty; everything else (SQLite's page caches and statements, large strings,
lists and dicts, numpy buffers) comes from the C library's ``malloc``.
glibc keeps what is freed in its heaps for later reuse and, with threads,
keeps one heap ("arena") per thread that ever allocated: after a burst of
large temporary objects (an article's extraction, a big API answer) the
freed pages stay resident, and a server whose requests run on a changing set
of worker threads grows by the free space of each heap.  Nothing leaks, but
the resident size keeps creeping up (``bench/soak.py`` measured it).

:func:`limit_arenas` bounds the number of heaps (call it before threads
start); :func:`release` returns the free pages of every heap to the system
(``malloc_trim``).  Both are no-ops where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
from functools import cache
from typing import Any

M_ARENA_MAX = -8  # mallopt parameter (malloc.h)
ARENAS = 2  # heaps for a whole process: its threads share them (glibc's default is 8 per core)
RELEASE_EVERY = 30.0  # seconds between two releases in a server


@cache
def _libc() -> Any | None:
    """glibc, or None (musl, macOS, Windows: their allocators return memory themselves)."""
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim  # noqa: B018 — glibc only
        libc.mallopt  # noqa: B018
    except (OSError, AttributeError):
        return None
    libc.malloc_trim.argtypes = [ctypes.c_size_t]
    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    return libc


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Let the process's threads share at most ``arenas`` malloc heaps; True if it was set."""
    libc = _libc()
    return bool(libc is not None and libc.mallopt(M_ARENA_MAX, arenas))


def release() -> bool:
    """Collect cyclic garbage, then return free malloc pages to the system; True if any were."""
    gc.collect()
    libc = _libc()
    return bool(libc is not None and libc.malloc_trim(0))


def release_periodically(every: float = RELEASE_EVERY) -> threading.Event:
    """Call :func:`release` every ``every`` seconds in a daemon thread; set the returned event to stop."""
    stop = threading.Event()

    def run() -> None:
        while not stop.wait(every):
            release()

    threading.Thread(target=run, name="storyline-memory-release", daemon=True).start()
    return stop
