"""Native inputs (.docx, .xlsx, .pdf, .html): readers that import their heavy
library only when a file of that kind is read."""
from __future__ import annotations

from typing import List


def native_readers() -> List[object]:
    return []
