"""spaCy imported without its command line (pipeline/spacy_core.py): in a fresh interpreter each."""

import subprocess
import sys


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_the_pipeline_imports_spacy_without_its_command_line():
    assert _run("import sys\n"
                "from pipeline.nlp import build_nlp\n"
                "nlp = build_nlp()\n"
                "nlp('市经信局答复')\n"
                "print(sorted(m for m in sys.modules if m.startswith(('spacy.cli', 'weasel', 'typer', 'httpx'))))"
                ) == "[]"


def test_spacy_info_and_the_command_line_are_still_there():
    assert _run("import sys\n"
                "from pipeline.spacy_core import spacy\n"
                "assert 'spacy.cli.info' not in sys.modules\n"
                "info = spacy.info()\n"  # the real one, imported now
                "import spacy.cli\n"
                "from spacy.cli.info import info as real\n"
                "assert info['spacy_version'] == spacy.__version__ and real is not spacy.info\n"
                "print('info' in [c.name for c in spacy.cli.app.registered_commands])") == "True"


def test_nothing_is_done_when_spacy_was_imported_first():
    assert _run("import spacy, sys\n"
                "from pipeline.spacy_core import spacy as again\n"
                "print(again is spacy, 'spacy.cli' in sys.modules)") == "True True"
