"""What a notebook's kernel has loaded: the parameters its setup cell read the figures
with, so that a text or chart cell run after one of them changed (``year = 2010`` typed in
the first cell, the setup cell not run again) stops in one line instead of writing one
year's tables under another's words; and, once the setup cell has loaded other figures,
the names the cells after it made from the figures before, which stop the cells that use
them until their own cell runs again."""

from __future__ import annotations

import difflib
import inspect
import re
from collections.abc import Iterator
from contextlib import contextmanager

#: The notebook parameters the setup cell loaded its figures with (:func:`loaded_with`).
_LOADED: dict[str, object] = {}
#: The names the kernel held when the setup cell first loaded the figures; None before.
_HELD: set[str] | None = None
#: Whether a setup cell's load stopped (a misspelt country, an interrupt) before any load
#: of the kernel's succeeded; cleared by the first that does.
_STOPPED = False


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
    global _STOPPED
    changed = any(not same_value(v, _LOADED.get(k, v)) for k, v in parameters.items())
    _LOADED.clear()
    _LOADED.update(parameters)
    _STOPPED = False
    _forget_made_since(changed)
    _watch_names()


@contextmanager
def setting_up() -> Iterator[None]:
    """Around the setup cell's load: where it stops (a misspelt country) before any load of
    the kernel's succeeded, each later cell that uses a name the setup did not make says so
    in one line, not in a traceback of ``brief`` not defined (a teacher). A load that stops
    after one succeeded (a try-it cell's other country) leaves the names of that one."""
    global _STOPPED
    try:
        yield
    except BaseException:  # an error, or the kernel interrupted mid-load
        if not _LOADED:
            _STOPPED = True
            _watch_names()
        raise


def _watch_names() -> None:
    """Show a name no cell has made yet in one line, with where it comes from: a section
    run after the setup cell alone stopped on ``abroad`` in a raw traceback (a teacher: a
    country brief's sections need its first analysis step too)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((NameError,), _one_line_name_error)


def _one_line_name_error(shell, etype, value, tb, tb_offset=None) -> list[str]:
    """IPython's custom handler for a NameError: its message, the cell's line, a name of the
    kernel's spelt alike and where the name may come from, as one line (a student's typo
    lost its line and Python's "Did you mean" to the hint alone)."""
    cell = tb.tb_next if tb is not None and tb.tb_next is not None else tb  # under run_code's
    where = f" (line {cell.tb_lineno} of the cell)" if cell is not None else ""
    name = getattr(value, "name", None) or next(iter(re.findall(r"'(\w+)'", str(value))), "")
    known = [n for n in shell.user_ns if not n.startswith("_")]
    # a typo's close match only ("totl": "total"), not another table (not "top_hosts" for
    # "top_origins", which would write the hosts under the origins' words), nor a builtin
    # ("yaer": "year", a query's "@yaer" too, at 0.75; "top_hosts" for "top_origins": 0.6)
    alike = difflib.get_close_matches(name, known, n=1, cutoff=0.75) if name else []
    guess = f"; did you mean {alike[0]!r}?" if alike else "."
    first_step = (  # the country brief's sections also need its first analysis step
        " (a country brief's sections need its first analysis step, the cell that makes `hosted`)"
        if "country" in _LOADED
        else ""
    )
    run = (
        "The setup cell stopped before loading the figures: run the parameters cell and the "
        "setup cell again (changing the parameter its error names, if it named one)."
        if _STOPPED
        else f"If a cell above makes it, run the cells from the setup cell down to this one"
        f"{first_step}."
    )
    line = f"{etype.__name__}: {value}{where}{guess} {run}"
    shell._showtraceback(etype, value, [line])
    return [line]


class Stale:
    """What a name made from the figures loaded before now holds: any use of it stops the
    cell in one line (:class:`StaleParameters`) until the cell that makes it runs again."""

    def __init__(self, name: str) -> None:
        object.__setattr__(self, "_name", name)

    def _stop(self, *args: object, **kwargs: object) -> None:
        raise StaleParameters(
            f"{object.__getattribute__(self, '_name')} was set before the setup cell loaded "
            "other figures: run the cells again from the setup cell (the one that loads them, "
            "after the parameters) down to this one"
        )

    def __getattr__(self, attribute: str) -> object:
        if attribute.startswith("_ipython") or attribute.startswith("_repr"):
            raise AttributeError(attribute)  # IPython looking for display hooks
        self._stop()

    def __repr__(self) -> str:  # the name shown alone: its message, not a traceback
        try:
            self._stop()
        except StaleParameters as stale:
            return f"StaleParameters: {stale}"
        return ""  # pragma: no cover - _stop always raises

    __getitem__ = __setitem__ = __iter__ = __len__ = __bool__ = __contains__ = _stop
    __call__ = __float__ = __int__ = __index__ = __str__ = __format__ = __round__ = _stop
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _stop
    __truediv__ = __rtruediv__ = __floordiv__ = __mod__ = __neg__ = __abs__ = _stop
    __lt__ = __le__ = __gt__ = __ge__ = __eq__ = __ne__ = __array__ = _stop
    __pow__ = __rpow__ = __and__ = __rand__ = __or__ = __ror__ = __xor__ = _stop
    __invert__ = __matmul__ = __rmatmul__ = __setattr__ = __delattr__ = _stop
    __hash__ = object.__hash__  # a name in a set or a dict key, as IPython's own may be


def _forget_made_since(changed: bool) -> None:
    """Where the setup cell has loaded other figures (``changed``), turn the values the
    cells made since it first loaded them (names the kernel did not hold then: tables,
    counts, charts; not modules, functions or classes, nor IPython's own) into
    :class:`Stale` ones, so a section's text cell run without its analysis step stops rather
    than write the old year's or country's tables under the new one's name."""
    global _HELD
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    names = shell.user_ns
    if _HELD is None:  # the first load: what the kernel held before any figures
        _HELD = set(names)
    elif changed:
        for name in set(names) - _HELD:
            value = names[name]
            code = inspect.ismodule(value) or inspect.isroutine(value) or inspect.isclass(value)
            if not (name.startswith("_") or name in ("In", "Out") or code):
                names[name] = Stale(name)


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
