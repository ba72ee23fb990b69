"""One JSON object per log line (for journald, Loki, CloudWatch …): time, level, logger, message,
request fields when present, and the exception text."""

import json
import logging
from datetime import UTC, datetime

from .context import current_organization_id

_SKIP = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        out = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        org = current_organization_id.get()
        if org is not None:
            out["organization_id"] = org
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            out["method"] = getattr(request, "method", None)
            out["path"] = request.path
        for name, value in vars(record).items():
            if name not in _SKIP and not name.startswith("_"):
                try:
                    json.dumps(value)
                except (TypeError, ValueError):
                    value = repr(value)
                out[name] = value
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)
