"""The exit-code contract and the typed errors behind it.

Library code raises these; the CLI turns each into a one- or two-line message
on stderr and exits with the error's ``exit_code``. Nothing else decides an
exit code.

    0  success
    1  the check failed (validation does not conform, evidence mismatch)
    2  bad input or usage (files, queries, parameters, options)
    3  an endpoint or network failure
    4  an internal error: an unexpected exception in diplograph or a library
       it uses (a bug; --debug shows the traceback)
    130  interrupted (Ctrl-C, SIGINT)
    143  terminated (SIGTERM, as CI runners and `timeout` send): the same clean-up
         as Ctrl-C (no temp file, no temporary graph left in a store)
"""

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_ENDPOINT = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM


class DiplographError(Exception):
    """Base of every error diplograph reports to a user."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint  # optional second line, e.g. "did you mean ...?"

    def lines(self) -> list[str]:
        return [self.message] + ([self.hint] if self.hint else [])


class CheckFailed(DiplographError):
    """A check ran and found problems (non-conforming graph, evidence mismatch)."""

    exit_code = EXIT_CHECK_FAILED


class InputError(DiplographError):
    """Bad input: a file that does not parse, a missing folder, an unknown format."""

    exit_code = EXIT_BAD_INPUT


class DataError(InputError):
    """An RDF file that cannot be read; names the file and, where known, the line."""

    def __init__(self, path, message: str, *, line: int | None = None,
                 column: int | None = None, hint: str | None = None):
        where = f"{path}:{line}" if line else f"{path}"
        if line and column:
            where += f":{column}"
        super().__init__(f"{where}: {message}", hint=hint)
        self.path = path
        self.line = line


class QueryError(InputError):
    """A stored or given query that is unknown, does not parse, or is not read-only."""


class ParameterError(QueryError):
    """A missing, unknown or ill-typed query parameter."""


class EndpointError(DiplographError):
    """A SPARQL endpoint could not be reached or answered with an error."""

    exit_code = EXIT_ENDPOINT


class InternalError(DiplographError):
    """Something failed that should not have: a bug here or in a library we use."""

    exit_code = EXIT_INTERNAL


class Terminated(BaseException):
    """Raised by the SIGTERM handler: unwinds like Ctrl-C, so every clean-up runs."""
