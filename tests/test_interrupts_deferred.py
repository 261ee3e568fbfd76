"""Ctrl-C in a batch is taken between articles (storyline.commands.interrupts)."""

from __future__ import annotations

import os
import signal

import pytest

from storyline.commands.interrupts import deferred_interrupts


def test_the_first_interrupt_is_recorded_and_raised_at_the_check() -> None:
    with deferred_interrupts() as interrupt:
        os.kill(os.getpid(), signal.SIGINT)  # as if inside an SQLite call that would swallow it
        assert interrupt.requested
        with pytest.raises(KeyboardInterrupt):
            interrupt.check()


def test_a_second_interrupt_is_raised_at_once() -> None:
    with deferred_interrupts(), pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)


def test_the_previous_handler_comes_back() -> None:
    before = signal.getsignal(signal.SIGINT)
    with deferred_interrupts():
        assert signal.getsignal(signal.SIGINT) is not before
    assert signal.getsignal(signal.SIGINT) is before
