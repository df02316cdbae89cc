"""Start-up imports only what the first screen needs (fresh interpreter, current database)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from siksdesk.app import AppContext

SCRIPT = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from siksdesk.ui.launch import ensure_qapplication, open_main_window
    from siksdesk.app import open_app
    from siksdesk.paths import default_paths
    from siksdesk.ui.tasks import TaskRunner

    ctx = open_app(default_paths(), Path(sys.argv[1]))
    app = ensure_qapplication()
    window = open_main_window(ctx, TaskRunner(), lang="id", log_path=None)
    app.processEvents()
    heavy = ["alembic", "faker", "openpyxl", "siksdesk.demo", "siksdesk.io"]
    print(json.dumps({"loaded": [m for m in heavy if m in sys.modules],
                      "rows": window.model.rowCount()}))
    ctx.close()
""")


def test_window_of_a_current_database_imports_no_heavy_modules(village_ctx: AppContext) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "SIKSDESK_HOME": str(village_ctx.paths.home)}
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(village_ctx.database)],
                            capture_output=True, text=True, env=env, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["loaded"] == []
    assert report["rows"] > 0
