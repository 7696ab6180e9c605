"""``window``: at least ``min`` (default 1) matching records dated within an occasion's window of
the year, or naming the occasion as theme or tag (国家宪法日 12-04 / 宪法宣传周). The window is a
named ``[windows.<name>]`` (dates may vary by year) or given inline as ``dates`` and ``themes``."""

from __future__ import annotations

from dataclasses import dataclass

from fzlog.messages import t
from fzlog.period import Period
from fzlog.record import Record
from fzlog.targets.rules.base import MET, PENDING, UNMET, Context, Outcome, Params, Rule, RuleError, Selector, rule_type
from fzlog.targets.windows import Window, parse_range


@rule_type("window")
@dataclass(frozen=True)
class InWindow(Rule):
    selector: Selector
    window: Window
    min: int = 1
    theme_field: str = "theme"

    @classmethod
    def parse(cls, p: Params) -> InWindow:
        selector = Selector.parse(p, by_year_field=False)
        if p.has("window"):
            name = p.text("window")
            if name not in p.windows:
                raise RuleError(t("check.err.window", name=name, names="、".join(sorted(p.windows))), "window")
            window = p.windows[name]
        else:
            text = p.get("dates", None)
            dates = parse_range(text) if isinstance(text, str) else None
            themes = p.texts("themes", ())
            if (text is not None and dates is None) or (dates is None and not themes):
                raise RuleError(t("check.err.bad", param="dates", reason=t("check.err.want_range")), "dates")
            window = Window(name="", dates=dates, themes=themes)
        theme_field = p.get("theme_field", "theme")
        if not any(k.field(theme_field) for k in selector.kinds):
            theme_field = ""
        return cls(selector, window, p.number("min", 1), theme_field)

    def span(self, year: int) -> Period:
        return self.selector.span(year)

    def on_occasion(self, rec: Record, days) -> bool:
        if days and days[0] <= rec.date <= days[1]:
            return True
        names = set(rec.tags)
        if self.theme_field and isinstance(rec.fields.get(self.theme_field), str):
            names.add(rec.fields[self.theme_field])
        return bool(names & set(self.window.themes))

    def describe(self, days) -> str:
        parts = []
        if days:
            parts.append(f"{days[0]:%m-%d}～{days[1]:%m-%d}")
        if self.window.themes:
            parts.append(t("check.theme", themes="/".join(self.window.themes)))
        return t("check.or").join(parts)

    def evaluate(self, ctx: Context) -> Outcome:
        days = self.window.days(ctx.year)
        found = [r for r in self.selector.select(ctx) if self.on_occasion(r, days)]
        unit = self.selector.unit()
        required = t("check.in_window", window=self.describe(days), n=self.min, unit=unit)
        actual = t("check.amount", n=len(found), unit=unit)
        if len(found) >= self.min:
            return Outcome(MET, required, actual, tuple(r.id for r in found))
        # not yet: pending while the window (or, without dates, the year) is still ahead
        last_day = days[1] if days else ctx.period.end
        status = PENDING if ctx.as_of < last_day else UNMET
        return Outcome(status, required, actual, tuple(r.id for r in found))
