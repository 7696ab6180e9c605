"""How the report writes a figure: exact by default, or rounded the way reports do ("2000余份").

The rounding rule (``--round``), for a whole number n:

- below 100 it stays exact (12场/次, 22家/次);
- otherwise it is cut down (never up) to the coarsest power-of-ten step, from the leading digit
  down to tens, that loses no more than a tenth of n; if anything was cut off, "余" follows:
  2030 → 2000余, 312 → 300余, 1980 → 1900余, 150 → 150, 105 → 100余.

So a rounded figure never overstates the ledger and never understates it by more than 10%.
Decimals (学时) are never rounded.
"""

from __future__ import annotations


def approx(n: int) -> tuple[int, bool]:
    """``(shown, more)``: the rounded figure and whether "余" must follow it."""
    if n < 100:
        return n, False
    step = 10 ** (len(str(n)) - 1)
    while step >= 10:
        shown = n // step * step
        if 10 * (n - shown) <= n:
            return shown, shown != n
        step //= 10
    return n, False


def number(value: int | float, *, rounded: bool = False) -> str:
    """A figure as the report writes it, before its unit: 2030, or 2000余 when rounded."""
    if isinstance(value, bool):
        raise TypeError("a yes/no value is not a figure")
    if isinstance(value, float):
        value = round(value, 2)  # 人均学时4.86, as reports write a mean
        return str(int(value)) if value.is_integer() else f"{value:g}"
    if rounded:
        shown, more = approx(value)
        return f"{shown}余" if more else str(shown)
    return str(value)


def quantity(value: int | float, unit: str, *, rounded: bool = False) -> str:
    """2030份 / 2000余份 / 12场/次."""
    return number(value, rounded=rounded) + unit


def change(delta: int | float, unit: str, *, rounded: bool = False) -> str:
    """The year-on-year change (同比): 较上年增加3次 / 较上年减少2场/次 / 与上年持平."""
    if delta == 0:
        return "与上年持平"
    word = "增加" if delta > 0 else "减少"
    return f"较上年{word}{quantity(abs(delta), unit, rounded=rounded)}"
