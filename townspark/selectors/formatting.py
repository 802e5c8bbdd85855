"""Human-readable figures as the contract shows them: durations ("36h", "2.5 days") and signed trends ("+12%")."""

from datetime import timedelta

NO_DATA = "N/A"


def format_duration(value: timedelta | float | None) -> str:
    """Under an hour in minutes, under two days in hours ("36h"), else days with one decimal ("2.5 days")."""
    if value is None:
        return NO_DATA
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    hours = seconds / 3600
    if hours < 1:
        return f"{max(0, round(seconds / 60))}m"
    if hours < 48:
        return f"{round(hours)}h"
    days = round(hours / 24, 1)
    return f"{days:g} days"


def percent_change(current: float | None, previous: float | None) -> str:
    """The signed change from `previous` to `current`: "+12%", "-15%", "0%" (+100% from nothing)."""
    current, previous = current or 0, previous or 0
    if not previous:
        return "+100%" if current else "0%"
    change = round((current - previous) * 100 / previous)
    return f"+{change}%" if change > 0 else f"{change}%"


def percentage(part: int, total: int) -> int:
    return round(part * 100 / total) if total else 0
