"""What a notebook's kernel has loaded: the parameters its setup cell read the figures
with, so that a text or chart cell run after one of them changed (``year = 2010`` typed in
the first cell, the setup cell not run again) stops in one line instead of writing one
year's tables under another's words."""

from __future__ import annotations

#: The notebook parameters the setup cell loaded its figures with (:func:`loaded_with`).
_LOADED: dict[str, object] = {}


class StaleParameters(Exception):
    """A notebook parameter changed since the setup cell loaded the figures; shown in one
    line in Jupyter, not as a traceback."""

    def _render_traceback_(self) -> list[str]:  # IPython's hook for an exception's display
        return [f"{type(self).__name__}: {self}"]


def loaded_with(**parameters: object) -> None:
    """Record the parameters the setup cell loaded the figures with, so that
    :func:`~analysis.briefing.md` and :func:`~analysis.briefing.show` stop a student who
    changed one in the first cell (``year = 2010``) without running the setup cell again,
    rather than write 2010's tables under 2024's words."""
    _LOADED.clear()
    _LOADED.update(parameters)


def same_value(now: object, then: object) -> bool:
    """Whether a parameter's value is the one loaded, as the loader reads it: ``"2024"``,
    2024.0 and 2024 alike; ``desa_revision`` None and 0 alike."""
    if str(now) == str(then):
        return True
    try:
        return float(now or 0) == float(then or 0)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def check_loaded() -> None:
    """Raise :class:`StaleParameters` where a recorded parameter now has another value in
    the notebook (:func:`same_value`)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    changed = [
        f"{name} is now {shell.user_ns[name]!r}, not {value!r}"
        for name, value in _LOADED.items()
        if name in shell.user_ns and not same_value(shell.user_ns[name], value)
    ]
    if changed:
        raise StaleParameters(
            f"{'; '.join(changed)} as when the figures were loaded: run the cells again from the "
            "setup cell (the one that loads them, after the parameters) down to this one"
        )
