"""The error type the command line turns into clear one-line messages, and how a run
that is told to stop (Ctrl-C, SIGTERM) stops."""

import errno
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

MAX_PROBLEMS = 20


class InputError(Exception):
    """Bad or missing input.

    Each problem is one line naming the file, the row or cell and what was
    expected; the command line prints them and exits non-zero.
    """

    def __init__(self, *problems: str):
        lines = [" ".join(str(p).split()) for p in problems]
        if len(lines) > MAX_PROBLEMS:
            lines = lines[:MAX_PROBLEMS] + [f"... and {len(lines) - MAX_PROBLEMS} more problems"]
        self.problems = lines
        super().__init__("\n".join(lines))

    def _render_traceback_(self) -> list[str]:
        """How IPython shows it in a notebook (a teacher's year that the data do not hold):
        the cell's line and the message, not forty lines through the package."""
        from IPython import get_ipython

        shell, tb, lines = get_ipython(), self.__traceback__, []
        while tb is not None:  # the notebook cell's own frame, as IPython names it
            if "ipykernel_" in tb.tb_frame.f_code.co_filename and shell is not None:
                lines.append(f"Cell In[{shell.execution_count}], line {tb.tb_lineno}")
                break
            tb = tb.tb_next
        return lines + [f"InputError: {problem}" for problem in self.problems]


def disk_full(error: BaseException) -> bool:
    """Whether ``error`` is a disk (or a user's quota) that filled while writing."""
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


class Terminated(KeyboardInterrupt):
    """SIGTERM (a job stopped by a script or CI), handled as Ctrl-C is: the running work
    stops, its kernels and half-made folders are cleaned away, earlier results are kept."""


_resending = False  # _stop_again is sending a stop again
_held: list[int] | None = None  # the stops held while worker processes start (stops_held)


def _terminate(signum: int, frame: object) -> None:
    if _resending:  # within _stop_again, which sends it again: raised there, it would be lost
        return
    if _held is not None:
        _held.append(signum)
        return
    raise Terminated


@contextmanager
def stops_held() -> Iterator[None]:
    """Within the block (jobs given to a pool, which starts its worker processes), a Ctrl-C
    or SIGTERM waits for its end: raised while a worker started, its start half sent, it
    left that worker printing "EOFError: Ran out of input" under "error: terminated" (a
    run stopped under load)."""
    global _held
    held: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    except ValueError:  # not the main thread: nothing to hold
        yield
        return
    _held = held
    try:
        yield
    finally:
        _held = None
        signal.signal(signal.SIGINT, previous)
    if held:
        raise Terminated if signal.SIGTERM in held else KeyboardInterrupt


_stopping = False
_working = False  # a worker process is running a job (else it waits for one)


def _stop_once(signum: int, frame: object) -> None:
    """A worker's first Ctrl-C or SIGTERM stops its job; a second (the terminal's Ctrl-C
    reaches it, then the stopped run terminates it) would break its cleaning up. A worker
    waiting for a job has nothing to clean: it leaves quietly."""
    global _stopping
    if _stopping:
        return
    _stopping = True
    if not _working:
        raise SystemExit(1)
    raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt


def in_worker(job: Callable[..., Any], *args: Any) -> Any:
    """Run ``job(*args)`` in a worker process, known as working while it runs."""
    global _working
    if _stopping:  # a job queued before the run was stopped: not begun
        raise Terminated
    _working = True
    try:
        return job(*args)
    finally:
        _working = False


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` in this process (its main
    thread), and a stop that lands where Python cannot raise it (a finalizer, a weak
    reference's callback) is raised again (:func:`_stop_again`); both put back after."""
    previous, hook = signal.signal(signal.SIGTERM, _terminate), sys.unraisablehook
    sys.unraisablehook = _stop_again
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)  # main() called from Python, as in tests
        sys.unraisablehook = hook


def _stop_again(unraisable: Any) -> None:
    """A SIGTERM or Ctrl-C that landed in a callback Python cannot raise from was printed
    as "Exception ignored in: ... Terminated" and lost: the run went on to exit 0. The
    signal is sent again a moment later, from another thread, to land in the run's own
    code (again, should it land in such a callback once more); any other such error is
    printed as Python prints it."""
    import threading

    global _resending
    error = unraisable.exc_value
    if not isinstance(error, KeyboardInterrupt):  # Terminated too
        sys.__unraisablehook__(unraisable)
        return
    _resending = True
    try:
        signum = signal.SIGTERM if isinstance(error, Terminated) else signal.SIGINT
        main = threading.main_thread().ident  # to the main thread: it interrupts its waits
        threading.Timer(0.01, signal.pthread_kill, (main, signum)).start()
    finally:
        _resending = False


def worker_stops() -> None:
    """A worker process stops its job on the first Ctrl-C or SIGTERM (a stopped run
    terminates its workers), and says nothing of the kernel it stopped mid-cell or while
    it started (its coroutine is then never awaited, which Python would warn of)."""
    import logging
    import warnings

    signal.signal(signal.SIGINT, _stop_once)
    signal.signal(signal.SIGTERM, _stop_once)
    _stop_when_orphaned()
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", "coroutine .* was never awaited", RuntimeWarning)
    sys.unraisablehook = _quiet_when_stopped


#: Seconds between a worker's looks at whether the run that started it is still there.
PARENT_CHECK_SECONDS = 1.0


def _stop_when_orphaned() -> None:
    """A worker whose run was killed outright (SIGKILL, the OOM killer, a closed terminal's
    SIGHUP) stops its job as on SIGTERM: it ran on with no one to publish for, its kernel
    and the run's output pipe held open (a hostile tester). A thread looks for a new parent
    (the orphan's adopter) every :data:`PARENT_CHECK_SECONDS`, then leaves once the job has
    cleaned up (:data:`CLEAN_UP_SECONDS` at most)."""
    import os
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)  # the job stops and cleans up
        stopped = time.monotonic() + CLEAN_UP_SECONDS
        while _working and time.monotonic() < stopped:
            time.sleep(0.1)
        os._exit(1)  # not back to wait for jobs no one will send

    threading.Thread(target=watch, name="stop-when-orphaned", daemon=True).start()


def _quiet_when_stopped(unraisable: Any) -> None:
    """A stop that lands in a callback Python cannot raise from (a weak reference's,
    mid-PDF) printed "Exception ignored in: <function WeakSet…>" and a traceback before
    the run's one line; any other such error is printed as Python prints it."""
    if not isinstance(unraisable.exc_value, KeyboardInterrupt):  # Terminated too
        sys.__unraisablehook__(unraisable)


#: Seconds a stopped worker has to clean up (stop its kernel, remove its staging folder)
#: before it is killed, so that a stuck one cannot hold the run.
CLEAN_UP_SECONDS = 10


def stop_workers(pool: Any) -> None:
    """Terminate the worker processes of a ``ProcessPoolExecutor`` whose run was stopped,
    so that it does not wait for their jobs (each cleans up as on Ctrl-C; one still there
    after :data:`CLEAN_UP_SECONDS` is killed). The pool has no public list of its
    processes: this reads its ``_processes``."""
    processes = [p for p in (getattr(pool, "_processes", None) or {}).values() if p.is_alive()]
    for process in processes:
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)  # no more jobs: each worker leaves
    for process in processes:
        process.join(CLEAN_UP_SECONDS)
        if process.is_alive():
            process.kill()


@contextmanager
def worker_pool(workers: int) -> Iterator[Any]:
    """A ``ProcessPoolExecutor`` of ``workers`` spawned processes (no kernel, event loop or
    lock inherited by fork), each stopping as on Ctrl-C (:func:`worker_stops`). A job that
    fails cancels those not started and waits for those running; a run stopped (Ctrl-C,
    SIGTERM, a generator closed) stops every worker (:func:`stop_workers`)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=worker_stops) as pool:
        try:
            yield pool
        except BaseException as error:
            if isinstance(error, KeyboardInterrupt | GeneratorExit):
                stop_workers(pool)
            pool.shutdown(cancel_futures=True)
            raise
