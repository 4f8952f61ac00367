"""The shared store: transfers through it share its bandwidth, as a fluid.

With ``n`` transfers moving bytes through the store at once, each moves at
``min(B_link, B_store / n)``: processor sharing, the rates recomputed whenever a transfer
starts or ends.  Every transfer in progress has the same rate, so one "virtual" clock
(the bytes each of them has moved since the store opened) serves them all: a transfer
of ``b`` bytes starting when the clock reads ``v`` ends when it reads ``v + b``.  Events
cost ``O(log n)`` and every number stays exact (:class:`~costmodel.simulate.exact.Exact`).

The store works on any SimPy environment (``env.event``, ``env.timeout``); it imports
nothing from SimPy itself.
"""

from __future__ import annotations

import heapq
from typing import Any

from costmodel.simulate.exact import Divide, Number, divide

__all__ = ["SharedStore"]


class SharedStore:
    """The store's bandwidth shared by the transfers through it (see the module docstring).

    :meth:`move` returns an event that succeeds when the bytes have moved; latency is the
    caller's (a transfer's latency comes first and does not use the store).
    """

    def __init__(
        self,
        env: Any,
        link_bandwidth: Number,
        store_bandwidth: Number,
        divide: Divide = divide,
        slack: float = 0.0,
    ) -> None:
        self.env = env
        self.divide = divide
        # in float64 (``slack`` > 0) a transfer whose bytes are moved up to rounding is done:
        # without it the clock could be woken again and again an instant short of its end
        self.slack = slack
        self.link_bandwidth = link_bandwidth
        self.store_bandwidth = store_bandwidth
        self.peak = 0  # the most transfers moving bytes at once
        self._virtual: Number = 0
        self._updated = env.now
        self._flows: list[tuple[Number, int, Any]] = []  # (virtual end, order, event)
        self._order = 0
        self._wake_at: Number | None = None  # when the live wake-up fires

    def rate(self) -> Number:
        """What each transfer in progress moves per unit of time now (bytes per tick)."""
        flows = len(self._flows)
        if flows == 0:
            return self.link_bandwidth
        return min(self.link_bandwidth, self.divide(self.store_bandwidth, flows))

    def move(self, size: Number) -> Any:
        """Start moving ``size`` bytes now; the returned event succeeds when they have moved."""
        self._advance()
        done = self.env.event()
        heapq.heappush(self._flows, (self._virtual + size, self._order, done))
        self._order += 1
        self.peak = max(self.peak, len(self._flows))
        self._schedule()
        return done

    def _advance(self) -> None:
        """Move the virtual clock to now and finish every transfer it has reached."""
        now = self.env.now
        if self._flows and now > self._updated:
            self._virtual += self.rate() * (now - self._updated)
        self._updated = now
        while self._flows and self._done(self._flows[0][0]):
            heapq.heappop(self._flows)[2].succeed()

    def _done(self, end: Any) -> bool:
        """Has the virtual clock reached ``end`` (within ``slack`` in float64)?"""
        if not self.slack:
            return bool(end <= self._virtual)
        return bool(end <= self._virtual + self.slack * (abs(end) + 1))

    def _schedule(self) -> None:
        """Be woken when the first transfer in progress ends.

        A wake-up already set for that time or earlier is kept (waking early only moves
        the clock), so a burst of transfers starting at once sets one timer, not one each.
        """
        if not self._flows:
            return
        wake_at = self.env.now + self.divide(self._flows[0][0] - self._virtual, self.rate())
        while self.slack and wake_at <= self.env.now:
            # in float64 the time left can fall below the clock's resolution: the
            # transfer is done now (waiting would wake at this same instant forever)
            self._virtual = max(self._virtual, self._flows[0][0])
            heapq.heappop(self._flows)[2].succeed()
            if not self._flows:
                return
            wake_at = self.env.now + self.divide(self._flows[0][0] - self._virtual, self.rate())
        if self._wake_at is not None and self._wake_at <= wake_at:
            return
        self._wake_at = wake_at
        timer = self.env.timeout(wake_at - self.env.now)
        timer.callbacks.append(self._wake)

    def _wake(self, _event: Any) -> None:
        if self.env.now != self._wake_at:  # replaced by an earlier wake-up
            return
        self._wake_at = None
        self._advance()
        self._schedule()
